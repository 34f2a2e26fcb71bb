// What another chat's OTR state asks of the user while they are elsewhere (another room, Settings, the Verify
// screen of another chat): a dialog that names the chat and offers to open it. The chat itself then shows the
// real question (Yes / No, the new key, the SMP question); Later leaves it waiting in the room list.
import { useId, useState } from 'react';
import type { OtrRoomView, Room } from '../../../../contract/model.js';
import { attentionOccurrence, otrAttention, type OtrAttention } from '../../../../contract/otr-attention.js';
import type { StringKey } from '../../i18n/strings.js';
import { useApp, useT } from '../../store/context.js';
import { peerName } from '../../store/selectors.js';
import { Dialog } from '../../ui/Dialog.js';
import { DialogButtons } from '../../ui/DialogButtons.js';
import { LockIcon } from '../../ui/icons.js';

/** The sentence for each kind of state that needs the user. */
const SENTENCE: Record<OtrAttention, StringKey> = {
  request: 'otr.attention.incoming',
  keyChanged: 'otr.attention.keyChanged',
  ended: 'otr.attention.ended',
  smp: 'otr.attention.smp',
};

/** The sentence for a state that needs the user, or null when the state can wait until the chat is opened. */
export function attentionKey(view: OtrRoomView): StringKey | null {
  const attention = otrAttention(view);
  return attention && SENTENCE[attention];
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
    (view) => view.roomId !== props.shownRoomId && attentionKey(view) !== null && !later.has(attentionOccurrence(view)),
  );
  const room: Room | undefined = wanted && rooms.find((r) => r.id === wanted.roomId);
  const key = wanted && attentionKey(wanted);
  if (!wanted || !room || !key) return null;
  const peer = peerName(room);
  const putOff = () => setLater(new Set(later).add(attentionOccurrence(wanted)));
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
