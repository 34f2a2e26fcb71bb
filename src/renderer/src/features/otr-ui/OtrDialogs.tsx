// Shows the one dialog the active room's OTR state calls for (or the fingerprint screen when it is open), and,
// when that room asks nothing, what another chat asks of the user wherever they are (AttentionDialog).
import type { OtrRoomView } from '../../../../contract/model.js';
import { peerAwaitsAnswer } from '../../../../contract/otr-attention.js';
import { useApp } from '../../store/context.js';
import { findRoom, peerName } from '../../store/selectors.js';
import { lazyFeature } from '../../ui/lazy-feature.js';
import { AttentionDialog } from './AttentionDialog.js';
import { KeyChangedDialog, PeerEndedDialog, RetryDialog } from './OutcomeDialogs.js';
import { IncomingDialog } from './RequestDialogs.js';

// Verify (with SMP and the QR code) and the answer to a peer's check are seldom needed: loaded on first use.
const FingerprintScreen = lazyFeature(() => import('./FingerprintScreen.js').then((m) => m.FingerprintScreen));
const SmpAnswerDialog = lazyFeature(() => import('./SmpAnswerDialog.js').then((m) => m.SmpAnswerDialog));

export function OtrDialogs() {
  const shownRoomId = useApp((s) => (s.screen === 'chat' ? s.activeRoomId : null));
  // The Verify screen of a chat stays under another chat's question; a dialog of the room on screen comes first.
  const fingerprintOpen = useApp((s) => s.fingerprintRoomId !== null && s.fingerprintRoomId === shownRoomId);
  const ownAsks = useApp((s) => shownRoomId !== null && roomAsks(s.otr[shownRoomId]));
  return (
    <>
      <RoomDialog />
      {(!ownAsks || fingerprintOpen) && <AttentionDialog shownRoomId={shownRoomId} />}
    </>
  );
}

/** True when the room's state shows a dialog of its own. */
function roomAsks(view: OtrRoomView | undefined): boolean {
  if (!view) return false;
  return view.phase === 'private' ? peerAwaitsAnswer(view.smp) : !['idle', 'requesting', 'handshaking'].includes(view.phase);
}

function RoomDialog() {
  const roomId = useApp((s) => (s.screen === 'chat' ? s.activeRoomId : null));
  const view = useApp((s) => (roomId === null ? undefined : s.otr[roomId]));
  const room = useApp((s) => findRoom(s, roomId));
  const fingerprintRoomId = useApp((s) => s.fingerprintRoomId);
  if (!roomId || !room) return null;
  const peer = peerName(room);
  if (fingerprintRoomId === roomId) return <FingerprintScreen room={room} view={view} />;
  if (!view) return null;
  const props = { view, peer };
  switch (view.phase) {
    case 'incoming':
      return <IncomingDialog {...props} />;
    case 'declined':
    case 'timed-out':
    case 'error':
      return <RetryDialog {...props} />;
    case 'ended-by-peer':
      return <PeerEndedDialog {...props} />;
    case 'key-changed':
      return <KeyChangedDialog {...props} />;
    case 'private':
      return peerAwaitsAnswer(view.smp) ? <SmpAnswerDialog {...props} /> : null;
    // My own request waits in the chat's header (WaitingBar), not in a dialog: the rest of the app stays usable.
    case 'requesting':
    case 'idle':
    case 'handshaking':
      return null;
  }
}
