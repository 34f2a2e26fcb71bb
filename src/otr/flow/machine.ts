// The consent flow of one DM as a pure function: transition(state, event) → { state, effects, handled }.
// No timers, no I/O: time arrives in events, and room sessions carry out the effects. README.md draws the diagram.
import type { ErrorInfo } from '../../contract/model.js';
import { admit, afterNo, heldQuery, NO_ASKS } from './asks.js';
import { queryTimeoutMs } from './conventions.js';
import {
  abandon,
  dropSession,
  failQueue,
  failed,
  FAILURE,
  go,
  handshake,
  request,
  toIdle,
  unhandled,
} from './steps.js';
import { onSessionEvent } from './session-steps.js';
import type { EventOf, FlowConfig, FlowEvent, FlowState, Transition } from './types.js';

/** How close to the end of our countdown a withdrawal counts as the request running out (a message's transit). */
const WITHDRAWN_AT_ITS_END_MS = 3000;

export function initialState(config: FlowConfig): FlowState {
  return { config, nextSeq: 1, queue: [], asks: NO_ASKS, phase: 'idle' };
}

export function transition(state: FlowState, event: FlowEvent): Transition {
  switch (event.type) {
    case 'start':
      return onStart(state, event.now);
    case 'retry':
      return isAfterFailure(state) ? onStart(state, event.now) : unhandled(state);
    case 'cancel':
      return onCancel(state);
    case 'accept':
      // A Yes after the countdown ran out (its timer not yet delivered) comes too late.
      return state.phase === 'incoming' && event.now < state.expiresAt
        ? handshake(state, state.query, null, event.now, false)
        : unhandled(state);
    case 'decline':
      // libotr clients answer our No with a new request: for a while those open no dialog (asks.ts).
      return state.phase === 'incoming'
        ? abandon({ ...state, asks: afterNo(state.asks ?? NO_ASKS, event.now) }, FAILURE.notStarted, { type: 'sendDecline' }, {
            type: 'notice',
            code: 'otr-request-declined',
            at: state.askedAt,
          })
        : unhandled(state);
    case 'end':
      return onEnd(state);
    case 'confirmEnded':
      return state.phase === 'ended-by-peer' ? go(toIdle(state)) : unhandled(state);
    case 'dismiss':
      return isAfterFailure(state) ? go(toIdle(state)) : unhandled(state);
    case 'refresh':
      return state.phase === 'private' ? onRefresh(state, event.now) : unhandled(state);
    case 'send':
      return onSend(state, event);
    case 'peerQuery':
      return onPeerQuery(state, event);
    case 'peerDeclined':
      return state.phase === 'requesting'
        ? go(failed(state, 'declined'), ...failQueue(state, FAILURE.notStarted), { type: 'notice', code: 'otr-declined' })
        : unhandled(state);
    case 'peerCancelled':
      // A request that ends without a Yes leaves a line in the chat, so the user knows what the dialog was.
      if (state.phase === 'incoming') {
        // The asker withdraws by itself when its countdown ends; ours started a moment later (transit), so a
        // withdrawal that close to our end is the request running out, not the asker changing their mind.
        const expired = event.now >= state.expiresAt - WITHDRAWN_AT_ITS_END_MS;
        const code = expired ? 'otr-request-expired' : 'otr-request-withdrawn';
        return abandon(state, FAILURE.notStarted, { type: 'notice', code, at: state.askedAt });
      }
      return state.phase === 'handshaking' ? abandon(state, FAILURE.notStarted) : unhandled(state);
    case 'peerError':
      return onPeerError(state);
    case 'roomRemoved':
      return onRoomRemoved(state);
    case 'peerWire':
      return onPeerWire(state, event);
    case 'timer':
      return onTimer(state, event.now);
    case 'transportFailed':
      return state.phase === 'requesting' || state.phase === 'handshaking'
        ? fail(state, event.error, FAILURE.notStarted)
        : unhandled(state);
    default:
      return onSessionEvent(state, event);
  }
}

function isAfterFailure(state: FlowState): boolean {
  return state.phase === 'declined' || state.phase === 'timed-out' || state.phase === 'error';
}

/** The user asked for a private chat: any limit on the peer's requests is lifted. */
function engaged(state: FlowState): FlowState {
  return { ...state, asks: NO_ASKS };
}

function onStart(state: FlowState, now: number): Transition {
  if (state.phase === 'idle' || isAfterFailure(state)) {
    // A request that arrived while its dialog was held back is still waiting: Start is the Yes to it.
    const held = heldQuery(state.asks, now);
    return held === null ? request(engaged(state), now, false) : handshake(state, held, null, now, false);
  }
  // Starting while the peer's request waits is saying Yes to it; once it ran out, it is a request of our own.
  if (state.phase === 'incoming') {
    return now < state.expiresAt ? handshake(state, state.query, null, now, false) : request(state, now, false);
  }
  return unhandled(state);
}

/** Replaces the open session: it is dropped silently (no disconnect) and a new query goes out. */
function onRefresh(state: FlowState, now: number): Transition {
  const next = request(state, now, true);
  return go(next.state, ...dropSession(state), ...next.effects);
}

function onCancel(state: FlowState): Transition {
  if (state.phase !== 'requesting' && state.phase !== 'handshaking') return unhandled(state);
  return abandon(state, FAILURE.notStarted, { type: 'sendWithdraw' });
}

function onEnd(state: FlowState): Transition {
  switch (state.phase) {
    case 'requesting':
    case 'handshaking':
      return onCancel(state);
    case 'private':
    case 'key-changed': {
      const close = dropSession(state).filter((e) => e.type !== 'closeSession');
      return go(
        toIdle(state),
        { type: 'endSession', session: state.session },
        ...close,
        ...failQueue(state, FAILURE.ended),
        { type: 'notice', code: 'otr-ended-by-me' },
      );
    }
    case 'ended-by-peer':
      return go(toIdle(state));
    default:
      return unhandled(state);
  }
}

function onSend(state: FlowState, event: EventOf<'send'>): Transition {
  switch (state.phase) {
    case 'private':
      return go(state, { type: 'encrypt', session: state.session, message: event.message, queued: false });
    case 'requesting':
    case 'incoming':
    case 'handshaking':
      return go({ ...state, queue: [...state.queue, event.message] });
    default:
      return unhandled(state);
  }
}

function onPeerQuery(state: FlowState, event: EventOf<'peerQuery'>): Transition {
  // The peer's countdown started when it sent the query, on the peer's timeout (ours if its query does not say);
  // a query that already ran out (delivered late) is ignored.
  const timeoutMs = queryTimeoutMs(event.wire) ?? state.config.timeoutMs;
  const askedAt = Math.min(event.sentAt, event.now);
  const expiresAt = askedAt + timeoutMs;
  switch (state.phase) {
    case 'requesting':
      // Crossing requests: only the leader answers the peer's query; the other waits for its D-H Commit.
      return state.config.leader ? handshake(state, event.wire, null, event.now, state.refresh) : unhandled(state);
    case 'handshaking':
    case 'private':
    case 'key-changed':
      // We already agreed to talk privately with this peer: a new query is a refresh, answered with a fresh session.
      return handshake(state, event.wire, null, event.now, true);
    case 'incoming':
      // The dialog is open already: it now answers the newest request.
      return expiresAt <= event.now ? unhandled(state) : go({ ...state, expiresAt, askedAt, query: event.wire });
    default: {
      if (expiresAt <= event.now) return unhandled(state);
      const admission = admit(state.asks ?? NO_ASKS, event.wire, expiresAt, event.now);
      if (!admission.open) {
        const tell = admission.tell === null ? [] : [{ type: 'notice', code: admission.tell } as const];
        return go({ ...state, asks: admission.asks }, ...tell);
      }
      const { config, nextSeq, queue } = state;
      return go({ config, nextSeq, queue, asks: admission.asks, phase: 'incoming', expiresAt, askedAt, query: event.wire });
    }
  }
}

/** The peer cannot read us. Its words are not carried: they are shown quoted in the chat, never as ours. */
function onPeerError(state: FlowState): Transition {
  switch (state.phase) {
    case 'requesting':
    case 'handshaking':
      return fail(state, { code: 'otr-protocol' }, FAILURE.notStarted);
    case 'private':
    case 'key-changed':
      // The peer cannot read us (it restarted or lost the session): what we sent since it last spoke is suspect.
      return go(
        failed(state, 'error', { code: 'otr-peer-unreadable' }),
        ...dropSession(state),
        ...failQueue(state, FAILURE.peerLost),
        { type: 'failOutgoing', scope: 'unconfirmed', error: FAILURE.peerLost },
        { type: 'notice', code: 'otr-session-lost' },
      );
    case 'ended-by-peer':
      // Our messages crossed the peer's disconnect and were not read.
      return go(state, { type: 'failOutgoing', scope: 'unconfirmed', error: FAILURE.peerLost });
    default:
      return unhandled(state);
  }
}

/** The DM is gone on the server: a session in flight cannot go on, and the user is told it was lost. */
function onRoomRemoved(state: FlowState): Transition {
  switch (state.phase) {
    case 'requesting':
    case 'handshaking':
    case 'private':
    case 'key-changed':
      return go(
        failed(state, 'error', FAILURE.roomGone),
        ...dropSession(state),
        ...failQueue(state, FAILURE.roomGone),
        { type: 'failOutgoing', scope: 'unconfirmed', error: FAILURE.roomGone },
        { type: 'notice', code: 'otr-session-lost' },
      );
    case 'incoming':
      return abandon(state, FAILURE.roomGone);
    case 'ended-by-peer':
      return go(toIdle(state));
    default:
      return unhandled(state);
  }
}

function onPeerWire(state: FlowState, event: EventOf<'peerWire'>): Transition {
  const { kind, wire, meta, continuation, now } = event;
  const opensAke = kind === 'dh-commit' && !continuation;
  switch (state.phase) {
    case 'requesting':
      // The peer said Yes: its D-H Commit is the answer to our query.
      return opensAke ? handshake(state, wire, meta, now, state.refresh) : unhandled(state);
    case 'handshaking':
      return go(state, { type: 'feed', session: state.session, wire, meta });
    case 'private':
    case 'key-changed':
      // A new AKE always gets a fresh session (never a second AKE on a used OTR object).
      if (opensAke) return handshake(state, wire, meta, now, true);
      return kind === 'ake' ? unhandled(state) : go(state, { type: 'feed', session: state.session, wire, meta });
    case 'idle':
      // Encrypted data with no session: the peer thinks we are private (we restarted). Tell it once per message.
      return kind === 'data' && !continuation ? go(state, { type: 'sendUnreadable' }) : unhandled(state);
    default:
      return unhandled(state);
  }
}

function onTimer(state: FlowState, now: number): Transition {
  switch (state.phase) {
    case 'requesting':
    case 'handshaking':
      if (now < state.expiresAt) return unhandled(state);
      return go(
        failed(state, 'timed-out'),
        ...dropSession(state),
        { type: 'sendWithdraw' },
        ...failQueue(state, FAILURE.notStarted),
        { type: 'notice', code: 'otr-timed-out' },
      );
    case 'incoming':
      if (now < state.expiresAt) return unhandled(state);
      return abandon(state, FAILURE.notStarted, { type: 'notice', code: 'otr-request-expired', at: state.askedAt });
    default:
      return unhandled(state);
  }
}

/** The request or handshake failed: error phase, session dropped, queue failed. */
function fail(state: FlowState, error: ErrorInfo, queueError: ErrorInfo): Transition {
  return go(failed(state, 'error', error), ...dropSession(state), ...failQueue(state, queueError), {
    type: 'notice',
    code: 'otr-error',
  });
}
