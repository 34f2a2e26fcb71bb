// Building blocks the machine's transitions are made of. Each returns a fresh Transition; none mutates.
import type { ErrorInfo } from '../../contract/model.js';
import type { FlowEffect, FlowState, SessionSeq, Transition } from './types.js';

/** Why queued or in-flight messages failed. The renderer words each code; `detail` is a fallback. */
export const FAILURE = {
  notStarted: { code: 'otr-no-session', detail: 'The private conversation did not start; the message was not sent.' },
  ended: { code: 'otr-no-session', detail: 'The private conversation ended before the message was sent.' },
  protocol: { code: 'otr-protocol', detail: 'The private conversation failed.' },
  peerLost: { code: 'otr-peer-unreadable', detail: 'The other side lost the private conversation and may not have read this.' },
  roomGone: { code: 'not-found', detail: 'The conversation was removed on the server; the message may not have arrived.' },
} as const satisfies Record<string, ErrorInfo>;

export function unhandled(state: FlowState): Transition {
  return { state, effects: [], handled: false };
}

export function go(state: FlowState, ...effects: FlowEffect[]): Transition {
  return { state, effects, handled: true };
}

/** Appends effects to a transition. */
export function also(t: Transition, ...effects: FlowEffect[]): Transition {
  return { ...t, effects: [...t.effects, ...effects] };
}

/** The engine session the state holds open, if any. */
export function sessionOf(state: FlowState): SessionSeq | null {
  switch (state.phase) {
    case 'handshaking':
    case 'private':
    case 'key-changed':
      return state.session;
    default:
      return null;
  }
}

/** Base fields carried into the next state; the queue is emptied when `dropQueue`. */
function base(state: FlowState, dropQueue = false) {
  return { config: state.config, nextSeq: state.nextSeq, queue: dropQueue ? [] : state.queue, asks: state.asks };
}

/** Effects that report every queued message as failed. */
export function failQueue(state: FlowState, error: ErrorInfo): FlowEffect[] {
  return state.queue.length === 0 ? [] : [{ type: 'failQueued', localIds: state.queue.map((m) => m.localId), error }];
}

/** The open session's closing effect. A changed key nobody accepted was never stored: nothing to undo. */
export function dropSession(state: FlowState): FlowEffect[] {
  const session = sessionOf(state);
  return session === null ? [] : [{ type: 'closeSession', session }];
}

export function toIdle(state: FlowState): FlowState {
  return { ...base(state, true), phase: 'idle' };
}

/** Leaves for idle, closing any session, failing the queue; `extra` effects come after. */
export function abandon(state: FlowState, error: ErrorInfo, ...extra: FlowEffect[]): Transition {
  return go(toIdle(state), ...dropSession(state), ...extra, ...failQueue(state, error));
}

/** Sends our query and starts the countdown. */
export function request(state: FlowState, now: number, refresh: boolean): Transition {
  const next: FlowState = { ...base(state), phase: 'requesting', expiresAt: now + state.config.timeoutMs, refresh };
  return go(next, { type: 'sendQuery' });
}

/** Opens a fresh engine session and feeds it the peer's query or D-H Commit: the AKE starts. */
export function handshake(state: FlowState, wire: string, meta: string | null, now: number, refresh: boolean): Transition {
  const session = state.nextSeq;
  const next: FlowState = {
    config: state.config,
    queue: state.queue,
    nextSeq: session + 1,
    phase: 'handshaking',
    session,
    expiresAt: now + state.config.timeoutMs,
    refresh,
  };
  return go(next, ...dropSession(state), { type: 'openSession', session }, { type: 'feed', session, wire, meta });
}

/** Phases that end with a notice the user closes (dismiss) or answers with Retry. */
export function failed(state: FlowState, phase: 'declined' | 'timed-out'): FlowState;
export function failed(state: FlowState, phase: 'error', error: ErrorInfo): FlowState;
export function failed(state: FlowState, phase: 'declined' | 'timed-out' | 'error', error?: ErrorInfo): FlowState {
  if (phase === 'error') return { ...base(state, true), phase, error: error ?? FAILURE.protocol };
  return { ...base(state, true), phase };
}

export function endedByPeer(state: FlowState): FlowState {
  return { ...base(state, true), phase: 'ended-by-peer' };
}

/** Encrypt effects for every queued message, in the order typed. */
export function flush(state: FlowState, session: SessionSeq): FlowEffect[] {
  return state.queue.map((message) => ({ type: 'encrypt', session, message, queued: true }) as const);
}

export function withoutQueue(state: FlowState): FlowState {
  return { ...state, queue: [] };
}
