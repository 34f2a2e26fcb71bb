// The ⋮ menu in the room header: start OTR in a DM; during a session End, Verify and Refresh keys.
import type { OtrRoomView, Room } from '../../../../contract/model.js';
import { useApp, useT } from '../../store/context.js';
import { MoreIcon } from '../../ui/icons.js';
import { Menu, type MenuItem } from '../../ui/Menu.js';

export function OtrMenu(props: { room: Room; view: OtrRoomView | undefined }) {
  const t = useT();
  const runOtr = useApp((s) => s.runOtr);
  const openFingerprints = useApp((s) => s.openFingerprints);
  const roomId = props.room.id;
  const phase = props.view?.phase ?? 'idle';

  const start: MenuItem = {
    id: 'start',
    label: t('otr.start'),
    description: t('otr.startDescription'),
    onSelect: () => void runOtr(roomId, (otr) => otr.start(roomId)),
  };
  const end: MenuItem = { id: 'end', label: t('otr.end'), onSelect: () => void runOtr(roomId, (otr) => otr.end(roomId)) };
  const verify: MenuItem = { id: 'verify', label: t('otr.verify'), onSelect: () => openFingerprints(roomId) };
  const refresh: MenuItem = {
    id: 'refresh',
    label: t('otr.refresh'),
    description: t('otr.refreshDescription'),
    onSelect: () => void runOtr(roomId, (otr) => otr.refresh(roomId)),
  };

  let items: MenuItem[];
  if (props.room.type !== 'd') {
    items = [{ ...start, disabled: true, description: t('otr.onlyDirect') }];
  } else if (!props.room.peer) {
    // A group DM: OTR is a conversation between exactly two people.
    items = [{ ...start, disabled: true, description: t('otr.onlyTwo') }];
  } else if (props.room.sendBlock === 'e2e' && phase === 'idle') {
    // The server refuses every plain message there, OTR's included.
    items = [{ ...start, disabled: true, description: t('otr.notInE2e') }];
  } else {
    switch (phase) {
      case 'idle':
      case 'declined':
      case 'timed-out':
      case 'error':
        items = [start];
        break;
      case 'incoming':
        items = [{ ...start, disabled: true, description: t('otr.answerFirst') }];
        break;
      case 'requesting':
        items = [
          { id: 'cancel', label: t('otr.cancelRequest'), onSelect: () => void runOtr(roomId, (otr) => otr.cancel(roomId)) },
        ];
        break;
      case 'handshaking':
        items = [end];
        break;
      case 'ended-by-peer':
        items = [{ ...end, onSelect: () => void runOtr(roomId, (otr) => otr.confirmEnded(roomId)) }];
        break;
      case 'private':
      case 'key-changed':
        items = [end, verify, refresh];
        break;
    }
  }

  return <Menu label={t('otr.menu')} icon={<MoreIcon />} items={items} />;
}
