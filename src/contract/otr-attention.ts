// Which OTR state of a chat needs the user while they are elsewhere: a request, a changed key, the peer ending
// the chat, or the peer's identity check waiting for an answer. One switch for the in-app dialog and the desktop
// notification (Electron and the browser host), so they never disagree.
import type { OtrRoomView, SmpView } from './model.js';

export type OtrAttention = 'request' | 'keyChanged' | 'ended' | 'smp';

/** True while the peer waits for my answer to their identity check. */
export function peerAwaitsAnswer(smp: SmpView | undefined): boolean {
  if (!smp || smp.startedBy === 'me') return false;
  return smp.phase === 'question' || smp.phase === 'asked';
}

/** What `view` asks of the user; null when it can wait until the chat is opened. */
export function otrAttention(view: OtrRoomView): OtrAttention | null {
  switch (view.phase) {
    case 'incoming':
      return 'request';
    case 'key-changed':
      return 'keyChanged';
    case 'ended-by-peer':
      return 'ended';
    case 'private':
      return peerAwaitsAnswer(view.smp) ? 'smp' : null;
    default:
      return null;
  }
}

/** One occurrence of a state: a new request (new deadline) or a new question is a new one, asked about again. */
export function attentionOccurrence(view: OtrRoomView): string {
  return `${view.roomId}|${view.phase}|${String(view.expiresAt ?? '')}|${view.smp?.phase ?? ''}`;
}
