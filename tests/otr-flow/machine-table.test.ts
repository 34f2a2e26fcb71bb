// Every arrow of the consent flow machine: each (phase, event) pair is either a listed transition, checked
// for its target phase and effects, or unlisted, and then must leave the state exactly as it was.
import { describe, expect, it } from 'vitest';
import { transition } from '../../src/otr/flow/machine.js';
import type { FlowEffect, FlowPhase } from '../../src/otr/flow/types.js';
import { EVENTS, PHASES, sample } from './flow-samples.js';

type Arrow = [FlowPhase, FlowEffect['type'][]];

const afterFailure: Record<string, Arrow> = {
  start: ['requesting', ['sendQuery']],
  retry: ['requesting', ['sendQuery']],
  dismiss: ['idle', []],
  peerQuery: ['incoming', []],
};

const ARROWS: Record<FlowPhase, Record<string, Arrow>> = {
  idle: {
    start: ['requesting', ['sendQuery']],
    peerQuery: ['incoming', []],
    peerData: ['idle', ['sendUnreadable']],
  },
  requesting: {
    cancel: ['idle', ['sendWithdraw', 'failQueued']],
    end: ['idle', ['sendWithdraw', 'failQueued']],
    send: ['requesting', []],
    peerQuery: ['handshaking', ['openSession', 'feed']],
    peerDeclined: ['declined', ['failQueued', 'notice']],
    peerError: ['error', ['failQueued', 'notice']],
    roomRemoved: ['error', ['failQueued', 'failOutgoing', 'notice']],
    peerDhCommit: ['handshaking', ['openSession', 'feed']],
    timer: ['timed-out', ['sendWithdraw', 'failQueued', 'notice']],
    transportFailed: ['error', ['failQueued', 'notice']],
  },
  incoming: {
    start: ['handshaking', ['openSession', 'feed']],
    accept: ['handshaking', ['openSession', 'feed']],
    decline: ['idle', ['sendDecline', 'notice', 'failQueued']],
    send: ['incoming', []],
    peerQuery: ['incoming', []],
    peerCancelled: ['idle', ['notice', 'failQueued']],
    roomRemoved: ['idle', ['failQueued']],
    timer: ['idle', ['notice', 'failQueued']],
  },
  handshaking: {
    cancel: ['idle', ['closeSession', 'sendWithdraw', 'failQueued']],
    end: ['idle', ['closeSession', 'sendWithdraw', 'failQueued']],
    send: ['handshaking', []],
    peerQuery: ['handshaking', ['closeSession', 'openSession', 'feed']],
    peerCancelled: ['idle', ['closeSession', 'failQueued']],
    peerError: ['error', ['closeSession', 'failQueued', 'notice']],
    roomRemoved: ['error', ['closeSession', 'failQueued', 'failOutgoing', 'notice']],
    peerDhCommit: ['handshaking', ['feed']],
    peerAke: ['handshaking', ['feed']],
    peerData: ['handshaking', ['feed']],
    secure: ['private', ['trustRemember', 'notice', 'encrypt']],
    peerEnded: ['ended-by-peer', ['closeSession', 'failQueued', 'failOutgoing', 'notice']],
    engineError: ['error', ['closeSession', 'failQueued', 'failOutgoing', 'notice']],
    timer: ['timed-out', ['closeSession', 'sendWithdraw', 'failQueued', 'notice']],
    transportFailed: ['error', ['closeSession', 'failQueued', 'notice']],
  },
  private: {
    end: ['idle', ['endSession', 'notice']],
    refresh: ['requesting', ['closeSession', 'sendQuery']],
    send: ['private', ['encrypt']],
    verify: ['private', ['trustRemember', 'trustVerified', 'notice']],
    smpStart: ['private', ['smpStart']],
    peerQuery: ['handshaking', ['closeSession', 'openSession', 'feed']],
    peerError: ['error', ['closeSession', 'failOutgoing', 'notice']],
    roomRemoved: ['error', ['closeSession', 'failOutgoing', 'notice']],
    peerDhCommit: ['handshaking', ['closeSession', 'openSession', 'feed']],
    peerData: ['private', ['feed']],
    peerEnded: ['ended-by-peer', ['closeSession', 'failOutgoing', 'notice']],
    engineError: ['error', ['closeSession', 'failOutgoing', 'notice']],
    smpQuestion: ['private', []],
    smpResult: ['private', ['trustRemember', 'trustVerified', 'notice']],
    smpAborted: ['private', ['notice']],
  },
  'key-changed': {
    end: ['idle', ['endSession', 'failQueued', 'notice']],
    verify: ['private', ['trustRemember', 'trustVerified', 'notice', 'encrypt']],
    acceptNewKey: ['private', ['trustRemember', 'encrypt']],
    smpStart: ['key-changed', ['smpStart']],
    peerQuery: ['handshaking', ['closeSession', 'openSession', 'feed']],
    peerError: ['error', ['closeSession', 'failQueued', 'failOutgoing', 'notice']],
    roomRemoved: ['error', ['closeSession', 'failQueued', 'failOutgoing', 'notice']],
    peerDhCommit: ['handshaking', ['closeSession', 'openSession', 'feed']],
    peerData: ['key-changed', ['feed']],
    peerEnded: ['ended-by-peer', ['closeSession', 'failQueued', 'failOutgoing', 'notice']],
    engineError: ['error', ['closeSession', 'failQueued', 'failOutgoing', 'notice']],
    smpQuestion: ['key-changed', []],
    smpResult: ['private', ['trustRemember', 'trustVerified', 'notice', 'encrypt']],
    smpAborted: ['key-changed', ['notice']],
  },
  'ended-by-peer': {
    end: ['idle', []],
    confirmEnded: ['idle', []],
    peerQuery: ['incoming', []],
    peerError: ['ended-by-peer', ['failOutgoing']],
    roomRemoved: ['idle', []],
  },
  declined: afterFailure,
  'timed-out': afterFailure,
  error: afterFailure,
};

describe('flow machine: every (phase, event) pair', () => {
  for (const phase of PHASES) {
    for (const [name, event] of Object.entries(EVENTS)) {
      const arrow = ARROWS[phase][name];
      if (arrow === undefined) {
        it(`${phase} ignores ${name}`, () => {
          const state = sample(phase);
          const t = transition(state, event);
          expect(t.handled).toBe(false);
          expect(t.state).toBe(state);
          expect(t.effects).toEqual([]);
        });
      } else {
        it(`${phase} --${name}--> ${arrow[0]}`, () => {
          const t = transition(sample(phase), event);
          expect(t.handled).toBe(true);
          expect(t.state.phase).toBe(arrow[0]);
          expect(t.effects.map((e) => e.type)).toEqual(arrow[1]);
        });
      }
    }
  }

  it('lists arrows only for events that exist', () => {
    for (const phase of PHASES) {
      for (const name of Object.keys(ARROWS[phase])) expect(Object.keys(EVENTS)).toContain(name);
    }
  });
});
