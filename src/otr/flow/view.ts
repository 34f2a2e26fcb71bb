// Reading a flow state: what the user sees, what happens to a typed message, when the next deadline is.
import type { ErrorInfo, Fingerprint, OtrRoomView } from '../../contract/model.js';
import type { FlowState } from './types.js';

export function toView(roomId: string, state: FlowState): OtrRoomView {
  const view: OtrRoomView = { roomId, phase: state.phase, queued: state.queue.length };
  switch (state.phase) {
    case 'requesting':
    case 'incoming':
      return { ...view, expiresAt: state.expiresAt };
    case 'private':
      return { ...view, verified: state.verified, peerFingerprint: state.fingerprint, smp: state.smp };
    case 'key-changed':
      return { ...view, verified: false, peerFingerprint: state.fingerprint, previousFingerprint: state.previous, smp: state.smp };
    case 'error':
      return { ...view, error: state.error };
    default:
      return view;
  }
}

export type SendDecision =
  /** No private conversation in sight: the chat service sends the text as an ordinary message. */
  | { kind: 'plaintext' }
  | { kind: 'encrypt' }
  /** A private conversation is being set up: hold the text until it is private, or fail it. */
  | { kind: 'queue' }
  | { kind: 'blocked'; error: ErrorInfo };

export function sendDecision(state: FlowState): SendDecision {
  switch (state.phase) {
    case 'private':
      return { kind: 'encrypt' };
    case 'requesting':
    case 'incoming':
    case 'handshaking':
      return { kind: 'queue' };
    case 'key-changed':
      return { kind: 'blocked', error: { code: 'otr-blocked', detail: "The other side's key changed: verify or accept it first." } };
    case 'ended-by-peer':
      return { kind: 'blocked', error: { code: 'otr-blocked', detail: 'The other side ended the private conversation: confirm first.' } };
    case 'error':
      // The user may believe the chat is still private (e.g. the peer restarted): make them look first.
      return { kind: 'blocked', error: { code: 'otr-blocked', detail: 'The private conversation failed: dismiss or retry first.' } };
    default:
      return { kind: 'plaintext' };
  }
}

/** When a timer event should next be delivered, if the state waits for one. */
export function deadline(state: FlowState): number | null {
  switch (state.phase) {
    case 'requesting':
    case 'incoming':
    case 'handshaking':
      return state.expiresAt;
    default:
      return null;
  }
}

/** The peer fingerprint a user can act on (verify, accept), if a session has one. */
export function currentFingerprint(state: FlowState): Fingerprint | null {
  return state.phase === 'private' || state.phase === 'key-changed' ? state.fingerprint : null;
}
