// The consent flow of one DM over Rocket.Chat's own OTR, as a pure function like the OTR v3 flow (src/otr/flow):
// the same phases and the same user-facing arrows (request, Yes/No, end, confirm), with the official apps' rules:
// 10 s for a request and for the Yes/No dialog, no fingerprints, a refresh answered without asking.
// Key material never enters the state: the runner (native-sessions.ts) holds it and performs the effects.
import type { ErrorInfo, NoticeCode } from '../../contract/model.js';
import type { QueuedMessage } from '../flow/types.js';

/** The official web client's limit for its accept dialog and for a request (OTRRoom / OTRWithData, 10 000 ms). */
export const NATIVE_TIMEOUT_MS = 10_000;

export type NativeState = { readonly queue: readonly QueuedMessage[] } & (
  | { readonly phase: 'idle' }
  | { readonly phase: 'requesting'; readonly expiresAt: number; readonly refresh: boolean }
  /** `otrDesk`: the request carried OTR Desk's mark, so Yes hands the room over to OTR v3. */
  | { readonly phase: 'incoming'; readonly expiresAt: number; readonly peerKey: string; readonly otrDesk: boolean }
  | { readonly phase: 'private' }
  | { readonly phase: 'ended-by-peer' }
  | { readonly phase: 'declined' }
  | { readonly phase: 'timed-out' }
  | { readonly phase: 'error'; readonly error: ErrorInfo }
);

export type NativeEvent =
  | { type: 'start'; now: number }
  | { type: 'accept'; now: number }
  | { type: 'decline' }
  | { type: 'cancel' }
  | { type: 'end' }
  | { type: 'confirmEnded' }
  | { type: 'dismiss' }
  | { type: 'refresh'; now: number }
  | { type: 'send'; message: QueuedMessage }
  | { type: 'peerHandshake'; publicKey: string; refresh: boolean; otrDesk: boolean; now: number }
  | { type: 'peerAcknowledge'; publicKey: string; otrDesk: boolean }
  | { type: 'peerDeny' }
  | { type: 'peerEnd' }
  /** The official apps end a session when the other user goes offline; a reload does that too (its keys are gone). */
  | { type: 'peerOffline' }
  /** A `t: 'otr'` message we could not decrypt (wrong key, tampered, not for this session). */
  | { type: 'undecryptable' }
  | { type: 'timer'; now: number };

export type NativeEffect =
  /** A fresh ephemeral key pair replaces any old one. */
  | { type: 'newKeys' }
  | { type: 'dropKeys' }
  /** Derive the session key from our key pair and the peer's public key. */
  | { type: 'derive'; peerKey: string }
  | { type: 'sendHandshake'; refresh: boolean }
  /** `otrDesk`: answer with OTR Desk's mark (no native session follows: the room goes to OTR v3). */
  | { type: 'sendAcknowledge'; otrDesk: boolean }
  | { type: 'sendDeny' }
  | { type: 'sendEnd' }
  | { type: 'encrypt'; message: QueuedMessage; queued: boolean }
  | { type: 'failQueued'; localIds: readonly string[]; error: ErrorInfo }
  /** Our messages not yet acknowledged: the peer may never read them. */
  | { type: 'failUnacked'; error: ErrorInfo }
  | { type: 'notice'; code: NoticeCode }
  | { type: 'systemMessage'; kind: 'user_joined_otr' | 'user_requested_otr_key_refresh' | 'user_key_refreshed_successfully' }
  /** Both sides are OTR Desk: continue in OTR v3 (the acceptor requests it, the initiator says Yes by itself). */
  | { type: 'handOver'; role: 'acceptor' | 'initiator' };

export interface NativeTransition {
  state: NativeState;
  effects: NativeEffect[];
  handled: boolean;
}

const NOT_STARTED: ErrorInfo = { code: 'otr-no-session', detail: 'The private conversation did not start; the message was not sent.' };
const LOST: ErrorInfo = { code: 'otr-peer-unreadable', detail: 'The other side lost the private conversation and may not have read this.' };

export const initialNativeState: NativeState = { phase: 'idle', queue: [] };

const unhandled = (state: NativeState): NativeTransition => ({ state, effects: [], handled: false });
const go = (state: NativeState, ...effects: NativeEffect[]): NativeTransition => ({ state, effects, handled: true });

function failQueue(state: NativeState, error: ErrorInfo): NativeEffect[] {
  return state.queue.length === 0 ? [] : [{ type: 'failQueued', localIds: state.queue.map((m) => m.localId), error }];
}

function request(now: number, refresh: boolean, queue: readonly QueuedMessage[], before: NativeEffect[] = [], after: NativeEffect[] = []): NativeTransition {
  return go({ phase: 'requesting', expiresAt: now + NATIVE_TIMEOUT_MS, refresh, queue }, ...before, { type: 'newKeys' }, { type: 'sendHandshake', refresh }, ...after);
}

/** Private now: queued messages go out encrypted, in order. */
function established(state: NativeState, peerKey: string, ...first: NativeEffect[]): NativeEffect[] {
  return [...first, { type: 'derive', peerKey }, ...state.queue.map((message): NativeEffect => ({ type: 'encrypt', message, queued: true }))];
}

function toPrivate(...effects: NativeEffect[]): NativeTransition {
  return go({ phase: 'private', queue: [] }, ...effects);
}

const isAfterFailure = (state: NativeState): boolean => state.phase === 'declined' || state.phase === 'timed-out' || state.phase === 'error';
const idle = (queue: readonly QueuedMessage[] = []): NativeState => ({ phase: 'idle', queue });

export function nativeTransition(state: NativeState, event: NativeEvent): NativeTransition {
  switch (event.type) {
    case 'start':
      if (state.phase === 'incoming') return nativeTransition(state, { type: 'accept', now: event.now });
      return state.phase === 'idle' || isAfterFailure(state) ? request(event.now, false, []) : unhandled(state);
    case 'accept':
      if (state.phase !== 'incoming' || event.now >= state.expiresAt) return unhandled(state);
      if (state.otrDesk) return go(idle(state.queue), { type: 'sendAcknowledge', otrDesk: true }, { type: 'handOver', role: 'acceptor' });
      return toPrivate(...established(state, state.peerKey, { type: 'newKeys' }), { type: 'sendAcknowledge', otrDesk: false }, { type: 'notice', code: 'otr-started' });
    case 'decline':
      return state.phase === 'incoming' ? go(idle(), { type: 'sendDeny' }, ...failQueue(state, NOT_STARTED)) : unhandled(state);
    case 'cancel':
      // The official apps have no withdraw: their dialog closes by its own 10 s limit.
      return state.phase === 'requesting' ? go(idle(), { type: 'dropKeys' }, ...failQueue(state, NOT_STARTED)) : unhandled(state);
    case 'end':
      if (state.phase === 'requesting') return nativeTransition(state, { type: 'cancel' });
      if (state.phase === 'ended-by-peer') return go(idle());
      return state.phase === 'private'
        ? go(idle(), { type: 'sendEnd' }, { type: 'dropKeys' }, { type: 'notice', code: 'otr-ended-by-me' })
        : unhandled(state);
    case 'confirmEnded':
      return state.phase === 'ended-by-peer' ? go(idle()) : unhandled(state);
    case 'dismiss':
      return isAfterFailure(state) ? go(idle()) : unhandled(state);
    case 'refresh':
      return state.phase === 'private'
        ? request(event.now, true, [], [{ type: 'dropKeys' }], [{ type: 'systemMessage', kind: 'user_requested_otr_key_refresh' }])
        : unhandled(state);
    case 'send':
      if (state.phase === 'private') return go(state, { type: 'encrypt', message: event.message, queued: false });
      return state.phase === 'requesting' || state.phase === 'incoming'
        ? go({ ...state, queue: [...state.queue, event.message] })
        : unhandled(state);
    case 'peerHandshake':
      return onPeerHandshake(state, event);
    case 'peerAcknowledge':
      if (state.phase !== 'requesting') return unhandled(state);
      if (event.otrDesk) return go(idle(state.queue), { type: 'dropKeys' }, { type: 'handOver', role: 'initiator' });
      return toPrivate(
        ...established(state, event.publicKey),
        { type: 'notice', code: state.refresh ? 'otr-refreshed' : 'otr-started' },
        ...(state.refresh ? [] : [{ type: 'systemMessage', kind: 'user_joined_otr' } as const]),
      );
    case 'peerDeny':
      return state.phase === 'requesting'
        ? go({ phase: 'declined', queue: [] }, { type: 'dropKeys' }, ...failQueue(state, NOT_STARTED), { type: 'notice', code: 'otr-declined' })
        : unhandled(state);
    case 'peerEnd':
      if (state.phase === 'incoming') return go(idle(), ...failQueue(state, NOT_STARTED));
      return state.phase === 'private'
        ? go({ phase: 'ended-by-peer', queue: [] }, { type: 'dropKeys' }, { type: 'notice', code: 'otr-ended-by-peer' })
        : unhandled(state);
    case 'peerOffline':
    case 'undecryptable':
      return state.phase === 'private' || (state.phase === 'requesting' && state.refresh)
        ? go(
          { phase: 'error', queue: [], error: { code: 'otr-peer-unreadable', detail: event.type === 'peerOffline' ? 'The other side went offline.' : 'A private message could not be decrypted.' } },
          { type: 'sendEnd' }, { type: 'dropKeys' }, ...failQueue(state, LOST), { type: 'failUnacked', error: LOST },
          { type: 'notice', code: 'otr-session-lost' },
        )
        : unhandled(state);
    case 'timer':
      if (state.phase === 'requesting' && event.now >= state.expiresAt) {
        return go({ phase: 'timed-out', queue: [] }, { type: 'dropKeys' }, ...failQueue(state, NOT_STARTED), { type: 'notice', code: 'otr-timed-out' });
      }
      return state.phase === 'incoming' && event.now >= state.expiresAt ? go(idle(), ...failQueue(state, NOT_STARTED)) : unhandled(state);
  }
}

function onPeerHandshake(state: NativeState, event: Extract<NativeEvent, { type: 'peerHandshake' }>): NativeTransition {
  // A refresh from the peer we are private with is answered without asking: the user already agreed.
  if (state.phase === 'private' && event.refresh) {
    return toPrivate(
      { type: 'dropKeys' }, { type: 'newKeys' }, { type: 'derive', peerKey: event.publicKey }, { type: 'sendAcknowledge', otrDesk: false },
      { type: 'notice', code: 'otr-refreshed' }, { type: 'systemMessage', kind: 'user_key_refreshed_successfully' },
    );
  }
  // The official apps send a handshake twice at times; the dialog already open is the answer to both.
  if (state.phase === 'incoming') return unhandled(state);
  const drop: NativeEffect[] = state.phase === 'private' || state.phase === 'requesting' ? [{ type: 'dropKeys' }] : [];
  return go(
    { phase: 'incoming', expiresAt: event.now + NATIVE_TIMEOUT_MS, peerKey: event.publicKey, otrDesk: event.otrDesk, queue: state.phase === 'requesting' ? state.queue : [] },
    ...drop,
  );
}
