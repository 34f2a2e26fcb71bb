// Sample states and events for the flow machine tests: one state per phase, one event per kind.
import type { KnownFingerprint } from '../../src/contract/model.js';
import { initialState } from '../../src/otr/flow/machine.js';
import type { FlowEvent, FlowPhase, FlowState, QueuedMessage } from '../../src/otr/flow/types.js';

export const NOW = 1_000_000;
export const TIMEOUT = 60_000;
export const FP = 'A'.repeat(40);
export const OLD_FP = 'B'.repeat(40);
export const Q1: QueuedMessage = { localId: 'l1', text: 'typed while waiting' };

export function known(fingerprint: string, verified = false, firstSeenAt = 1): KnownFingerprint {
  return { userId: 'peer', username: 'bob', fingerprint, verified, firstSeenAt, inUse: false };
}

export function sample(phase: FlowPhase, leader = true): FlowState {
  const base = { ...initialState({ leader, timeoutMs: TIMEOUT }), nextSeq: 2 };
  const expiresAt = NOW + TIMEOUT;
  const queue = [Q1];
  switch (phase) {
    case 'idle':
      return base;
    case 'requesting':
      return { ...base, queue, phase, expiresAt, refresh: false };
    case 'incoming':
      return { ...base, queue, phase, expiresAt, askedAt: NOW, query: '?OTRv3?' };
    case 'handshaking':
      return { ...base, queue, phase, session: 1, expiresAt, refresh: false };
    case 'private':
      return { ...base, phase, session: 1, fingerprint: FP, verified: false, smp: { phase: 'idle' } };
    case 'key-changed':
      return { ...base, queue, phase, session: 1, fingerprint: FP, previous: OLD_FP, smp: { phase: 'idle' } };
    case 'ended-by-peer':
    case 'declined':
    case 'timed-out':
      return { ...base, phase };
    case 'error':
      return { ...base, phase, error: { code: 'otr-protocol' } };
  }
}

export const PHASES: FlowPhase[] = [
  'idle', 'requesting', 'incoming', 'handshaking', 'private', 'key-changed', 'ended-by-peer', 'declined', 'timed-out', 'error',
];

const wire = (kind: 'dh-commit' | 'ake' | 'data'): FlowEvent => ({
  type: 'peerWire', kind, wire: `?OTR:${kind}.`, meta: null, continuation: false, now: NOW,
});

/** One representative event of each kind, named for the table. Session events name session 1. */
export const EVENTS: Record<string, FlowEvent> = {
  start: { type: 'start', now: NOW },
  retry: { type: 'retry', now: NOW },
  cancel: { type: 'cancel' },
  accept: { type: 'accept', now: NOW },
  decline: { type: 'decline', now: NOW },
  end: { type: 'end' },
  confirmEnded: { type: 'confirmEnded' },
  dismiss: { type: 'dismiss' },
  refresh: { type: 'refresh', now: NOW },
  send: { type: 'send', message: { localId: 'l2', text: 'hello' } },
  verify: { type: 'verify', fingerprint: FP },
  unverify: { type: 'unverify', fingerprint: FP },
  acceptNewKey: { type: 'acceptNewKey', fingerprint: FP },
  smpStart: { type: 'smpStart', secret: 's3cret', question: 'where?' },
  smpAnswer: { type: 'smpAnswer', secret: 's3cret' },
  smpAbort: { type: 'smpAbort' },
  peerQuery: { type: 'peerQuery', wire: '?OTRv3?', now: NOW, sentAt: NOW },
  peerDeclined: { type: 'peerDeclined' },
  peerCancelled: { type: 'peerCancelled', now: 0 },
  peerError: { type: 'peerError' },
  roomRemoved: { type: 'roomRemoved' },
  peerDhCommit: wire('dh-commit'),
  peerAke: wire('ake'),
  peerData: wire('data'),
  secure: { type: 'secure', session: 1, fingerprint: FP, known: [] },
  peerEnded: { type: 'peerEnded', session: 1 },
  engineError: { type: 'engineError', session: 1, fatal: true },
  smpQuestion: { type: 'smpQuestion', session: 1, question: 'first pet?' },
  smpResult: { type: 'smpResult', session: 1, trusted: true, startedBy: 'peer' },
  smpAborted: { type: 'smpAborted', session: 1 },
  timer: { type: 'timer', now: NOW + TIMEOUT },
  transportFailed: { type: 'transportFailed', error: { code: 'disconnected' } },
};
