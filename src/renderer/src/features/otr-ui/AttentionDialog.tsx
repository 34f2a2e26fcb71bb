// What another chat's OTR state asks of the user while they are elsewhere (another room, Settings, the Verify
// screen of another chat): a dialog that names the chat and offers to open it. The chat itself then shows the
// real question (Yes / No, the new key, the SMP question); Later leaves it waiting in the room list.
import { useId, useState } from 'react';
import type { OtrRoomView, Room } from '../../../../contract/model.js';
import type { StringKey } from '../../i18n/strings.js';
import { useApp, useT } from '../../store/context.js';
import { peerName } from '../../store/selectors.js';
import { Dialog } from '../../ui/Dialog.js';
import { DialogButtons } from '../../ui/DialogButtons.js';
import { LockIcon } from '../../ui/icons.js';
import { peerAwaitsAnswer } from './otr-status.js';

/** The sentence for a state that needs the user, or null when the state can wait until the chat is opened. */
export function attentionKey(view: OtrRoomView): StringKey | null {
  switch (view.phase) {
    case 'incoming':
      return 'otr.attention.incoming';
    case 'key-changed':
      return 'otr.attention.keyChanged';
    case 'ended-by-peer':
      return 'otr.attention.ended';
    case 'private':
      return peerAwaitsAnswer(view.smp) ? 'otr.attention.smp' : null;
    default:
      return null;
  }
}

/** One occurrence of a state: Later hides it, and a new request (new deadline) or question asks again. */
function occurrence(view: OtrRoomView): string {
  return `${view.roomId}|${view.phase}|${String(view.expiresAt ?? '')}|${view.smp?.phase ?? ''}`;
}

/** The first chat other than `shownRoomId` whose state needs the user and that was not put off with Later. */
export function AttentionDialog(props: { shownRoomId: string | null }) {
  const t = useT();
  const bodyId = useId();
  const openRoom = useApp((s) => s.openRoom);
  const [later, setLater] = useState<ReadonlySet<string>>(new Set());
  const otr = useApp((s) => s.otr);
  const rooms = useApp((s) => s.rooms);
  const wanted = Object.values(otr).find(
    (view) => view.roomId !== props.shownRoomId && attentionKey(view) !== null && !later.has(occurrence(view)),
  );
  const room: Room | undefined = wanted && rooms.find((r) => r.id === wanted.roomId);
  const key = wanted && attentionKey(wanted);
  if (!wanted || !room || !key) return null;
  const peer = peerName(room);
  const putOff = () => setLater(new Set(later).add(occurrence(wanted)));
  return (
    <Dialog role="alertdialog" title={t('otr.attention.title', { user: peer })} describedBy={bodyId} onEscape={putOff} icon={<LockIcon />}>
      <p id={bodyId}>{t(key, { user: peer })}</p>
      <DialogButtons
        actions={[
          { label: t('otr.attention.later'), onClick: putOff },
          { label: t('otr.attention.open'), primary: true, focus: true, onClick: () => void openRoom(room.id) },
        ]}
      />
    </Dialog>
  );
}
