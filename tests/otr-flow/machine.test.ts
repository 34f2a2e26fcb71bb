// The flow machine's finer rules: tie-break, queue flushing, trust outcomes, refresh, SMP, stale events.
import { describe, expect, it } from 'vitest';
import { queryText } from '../../src/otr/flow/conventions.js';
import { initialState, transition } from '../../src/otr/flow/machine.js';
import type { FlowEffect, FlowEvent, FlowState } from '../../src/otr/flow/types.js';
import { deadline, sendDecision, toView } from '../../src/otr/flow/view.js';
import { EVENTS, FP, known, NOW, OLD_FP, PHASES, Q1, sample, TIMEOUT } from './flow-samples.js';

function run(state: FlowState, ...events: FlowEvent[]): { state: FlowState; effects: FlowEffect[] } {
  const effects: FlowEffect[] = [];
  for (const event of events) {
    const t = transition(state, event);
    state = t.state;
    effects.push(...t.effects);
  }
  return { state, effects };
}

const opened = (effects: FlowEffect[]) => effects.flatMap((e) => (e.type === 'openSession' ? [e.session] : []));

describe('crossing requests', () => {
  it('the leader answers the peer query with a fresh session', () => {
    const t = transition(sample('requesting', true), EVENTS.peerQuery!);
    expect(t.state.phase).toBe('handshaking');
    expect(t.effects).toContainEqual({ type: 'feed', session: 2, wire: '?OTRv3?', meta: null });
  });

  it('the other side ignores the query and waits for the D-H Commit', () => {
    const state = sample('requesting', false);
    expect(transition(state, EVENTS.peerQuery!).handled).toBe(false);
    const t = transition(state, EVENTS.peerDhCommit!);
    expect(t.state.phase).toBe('handshaking');
    expect(opened(t.effects)).toEqual([2]);
  });
});

describe('queued messages', () => {
  it('go out encrypted, in order, once private with a new peer', () => {
    const more = { localId: 'l2', text: 'second' };
    const { state, effects } = run(sample('handshaking'), { type: 'send', message: more }, EVENTS.secure!);
    expect(state.phase).toBe('private');
    expect(state.queue).toEqual([]);
    expect(effects.filter((e) => e.type === 'encrypt')).toEqual([
      { type: 'encrypt', session: 1, message: Q1, queued: true },
      { type: 'encrypt', session: 1, message: more, queued: true },
    ]);
    expect(effects).toContainEqual({ type: 'notice', code: 'otr-started' });
  });

  it('fail with a clear error when the request is declined, never going out', () => {
    const t = transition(sample('requesting'), EVENTS.peerDeclined!);
    expect(t.effects).toContainEqual({ type: 'failQueued', localIds: ['l1'], error: expect.objectContaining({ code: 'otr-no-session' }) });
    expect(t.effects.some((e) => e.type === 'encrypt')).toBe(false);
  });

  it('wait through a key change and go out when the new key is accepted', () => {
    const keyChanged = transition(sample('handshaking'), { ...EVENTS.secure!, known: [known(OLD_FP)] } as FlowEvent);
    expect(keyChanged.state.phase).toBe('key-changed');
    expect(keyChanged.effects.some((e) => e.type === 'encrypt')).toBe(false);
    const accepted = transition(keyChanged.state, { type: 'acceptNewKey', fingerprint: FP });
    expect(accepted.effects).toEqual([
      { type: 'trustRemember', fingerprint: FP },
      { type: 'encrypt', session: 1, message: Q1, queued: true },
    ]);
    expect(toView('r', accepted.state)).toMatchObject({ phase: 'private', verified: false, queued: 0 });
  });
});

describe('trust on secure', () => {
  it('a known key keeps its verified flag', () => {
    const t = transition(sample('handshaking'), { ...EVENTS.secure!, known: [known(FP, true)] } as FlowEvent);
    expect(toView('r', t.state)).toMatchObject({ phase: 'private', verified: true, peerFingerprint: FP });
  });

  it('a different key from a known peer blocks sending and names the verified key as the previous one', () => {
    const list = [known('C'.repeat(40), false, 50), known(OLD_FP, true, 10)];
    const t = transition(sample('handshaking'), { ...EVENTS.secure!, known: list } as FlowEvent);
    expect(toView('r', t.state)).toMatchObject({ phase: 'key-changed', peerFingerprint: FP, previousFingerprint: OLD_FP });
    expect(t.effects).toEqual([{ type: 'notice', code: 'otr-key-changed' }]);
    expect(sendDecision(t.state)).toMatchObject({ kind: 'blocked', error: { code: 'otr-blocked' } });
  });

  it('verification is bound to the shown fingerprint', () => {
    expect(transition(sample('private'), { type: 'verify', fingerprint: OLD_FP }).handled).toBe(false);
    expect(transition(sample('key-changed'), { type: 'acceptNewKey', fingerprint: OLD_FP }).handled).toBe(false);
  });

  it('unverify clears a verified key', () => {
    const verified = transition(sample('private'), EVENTS.verify!).state;
    const t = transition(verified, EVENTS.unverify!);
    expect(toView('r', t.state).verified).toBe(false);
    expect(t.effects).toEqual([{ type: 'trustVerified', fingerprint: FP, verified: false }]);
  });
});

describe('sessions', () => {
  it('every session gets a new number: start, end, refresh, peer refresh never reuse one', () => {
    const { effects } = run(
      initialState({ leader: true, timeoutMs: TIMEOUT }),
      { type: 'start', now: NOW },
      EVENTS.peerDhCommit!,
      { ...EVENTS.secure!, session: 1 } as FlowEvent,
      { type: 'refresh', now: NOW },
      EVENTS.peerDhCommit!,
      { ...EVENTS.secure!, session: 2 } as FlowEvent,
      EVENTS.peerQuery!,
      { ...EVENTS.secure!, session: 3 } as FlowEvent,
      { type: 'end' },
      { type: 'start', now: NOW },
      EVENTS.peerDhCommit!,
    );
    expect(opened(effects)).toEqual([1, 2, 3, 4]);
  });

  it('a refresh replaces the session silently and says so when private again', () => {
    const { state, effects } = run(sample('private'), { type: 'refresh', now: NOW }, EVENTS.peerDhCommit!, {
      ...EVENTS.secure!,
      session: 2,
    } as FlowEvent);
    expect(state.phase).toBe('private');
    expect(effects.some((e) => e.type === 'endSession')).toBe(false);
    expect(effects).toContainEqual({ type: 'notice', code: 'otr-refreshed' });
  });

  it('ignores engine events of a session it no longer holds', () => {
    const state = sample('private');
    for (const event of [
      { type: 'peerEnded', session: 7 },
      { type: 'engineError', session: 7, fatal: true },
      { type: 'smpQuestion', session: 7, question: undefined },
    ] as FlowEvent[]) {
      expect(transition(state, event).handled).toBe(false);
    }
    expect(transition(sample('handshaking'), { ...EVENTS.secure!, session: 7 } as FlowEvent).handled).toBe(false);
  });

  it('a non-fatal engine error changes nothing', () => {
    expect(transition(sample('private'), { type: 'engineError', session: 1, fatal: false }).handled).toBe(false);
  });
});

describe('time', () => {
  it('a timer before the deadline does nothing', () => {
    expect(transition(sample('requesting'), { type: 'timer', now: NOW + TIMEOUT - 1 }).handled).toBe(false);
  });

  it('the incoming request expires when the peer sent it plus the timeout', () => {
    const t = transition(sample('idle'), { type: 'peerQuery', wire: '?OTRv3?', now: NOW, sentAt: NOW - 5_000 });
    expect(deadline(t.state)).toBe(NOW - 5_000 + TIMEOUT);
  });

  it("the incoming countdown follows the asker's timeout when its query states one (10 s, not our 60 s)", () => {
    const wire = queryText('alice', 10_000);
    const t = transition(sample('idle'), { type: 'peerQuery', wire, now: NOW, sentAt: NOW - 2_000 });
    expect(deadline(t.state)).toBe(NOW - 2_000 + 10_000);
    expect(transition(t.state, { type: 'timer', now: NOW + 8_000 }).state.phase).not.toBe('incoming');
  });

  it('a withdrawal as the asker\'s countdown ends reads as expired; one well before it, as withdrawn', () => {
    const asked = transition(sample('idle'), { type: 'peerQuery', wire: queryText('alice', 10_000), now: NOW, sentAt: NOW }).state;
    const notice = (now: number) => transition(asked, { type: 'peerCancelled', now }).effects.find((e) => e.type === 'notice');
    // alice's own timer sends the withdrawal when her 10 s end; it reaches bob just before his countdown does.
    expect(notice(NOW + 9_800)).toEqual({ type: 'notice', code: 'otr-request-expired', at: NOW });
    expect(notice(NOW + 2_000)).toEqual({ type: 'notice', code: 'otr-request-withdrawn', at: NOW });
  });

  it('the line a request leaves says when the peer asked, whether it ran out, was withdrawn or declined', () => {
    const asked = transition(sample('idle'), { type: 'peerQuery', wire: '?OTRv3?', now: NOW, sentAt: NOW - 3_000 }).state;
    const line = (event: FlowEvent) => transition(asked, event).effects.find((e) => e.type === 'notice');
    expect(line({ type: 'timer', now: NOW + TIMEOUT })).toEqual({ type: 'notice', code: 'otr-request-expired', at: NOW - 3_000 });
    expect(line({ type: 'peerCancelled', now: NOW + 1_000 })).toEqual({ type: 'notice', code: 'otr-request-withdrawn', at: NOW - 3_000 });
    expect(line({ type: 'decline', now: NOW + 1_000 })).toEqual({ type: 'notice', code: 'otr-request-declined', at: NOW - 3_000 });
  });

  it('a query that already ran out (delivered late) is ignored', () => {
    const t = transition(sample('idle'), { type: 'peerQuery', wire: '?OTRv3?', now: NOW, sentAt: NOW - TIMEOUT });
    expect(t.handled).toBe(false);
  });

  it('a Yes after the countdown ran out is too late; Start then sends a request of our own', () => {
    const late = NOW + TIMEOUT;
    expect(transition(sample('incoming'), { type: 'accept', now: late }).handled).toBe(false);
    const t = transition(sample('incoming'), { type: 'start', now: late });
    expect(t.state.phase).toBe('requesting');
    expect(t.effects.map((e) => e.type)).toEqual(['sendQuery']);
  });

  it('waiting phases have a deadline, the others none', () => {
    for (const phase of PHASES) {
      const waits = phase === 'requesting' || phase === 'incoming' || phase === 'handshaking';
      expect(deadline(sample(phase)) !== null).toBe(waits);
    }
  });
});

describe('SMP', () => {
  it('asked by us: asked → failed on a wrong answer, nothing verified', () => {
    const { state, effects } = run(sample('private'), EVENTS.smpStart!, {
      type: 'smpResult', session: 1, trusted: false, startedBy: 'me',
    });
    expect(toView('r', state)).toMatchObject({ verified: false, smp: { phase: 'failed', startedBy: 'me' } });
    expect(effects).toEqual([
      { type: 'smpStart', session: 1, secret: 's3cret', question: 'where?' },
      { type: 'notice', code: 'otr-smp-failed' },
    ]);
  });

  it('asked by the peer: question → in-progress → succeeded marks the key verified', () => {
    const { state, effects } = run(sample('private'), EVENTS.smpQuestion!, EVENTS.smpAnswer!, EVENTS.smpResult!);
    expect(toView('r', state)).toMatchObject({ verified: true, smp: { phase: 'succeeded', startedBy: 'peer' } });
    expect(effects).toEqual([
      { type: 'smpAnswer', session: 1, secret: 's3cret' },
      { type: 'trustRemember', fingerprint: FP },
      { type: 'trustVerified', fingerprint: FP, verified: true },
      { type: 'notice', code: 'otr-smp-succeeded' },
    ]);
  });

  it('shows the question, and refuses a second start while one runs', () => {
    const asked = run(sample('private'), EVENTS.smpQuestion!).state;
    expect(toView('r', asked).smp).toEqual({ phase: 'question', question: 'first pet?', startedBy: 'peer' });
    const running = run(sample('private'), EVENTS.smpStart!).state;
    expect(transition(running, EVENTS.smpStart!).handled).toBe(false);
  });

  it('abort by us or the peer', () => {
    const ours = run(sample('private'), EVENTS.smpStart!, EVENTS.smpAbort!);
    expect(toView('r', ours.state).smp).toEqual({ phase: 'aborted', startedBy: 'me' });
    expect(ours.effects).toEqual([
      expect.objectContaining({ type: 'smpStart' }),
      { type: 'smpAbort', session: 1 },
      { type: 'notice', code: 'otr-smp-aborted' },
    ]);
    const theirs = run(sample('private'), EVENTS.smpStart!, EVENTS.smpAborted!);
    expect(toView('r', theirs.state).smp?.phase).toBe('aborted');
    expect(theirs.effects.at(-1)).toEqual({ type: 'notice', code: 'otr-smp-aborted' });
  });
});

describe('what a typed message does', () => {
  it('depends on the phase', () => {
    const kinds = Object.fromEntries(PHASES.map((p) => [p, sendDecision(sample(p)).kind]));
    expect(kinds).toEqual({
      idle: 'plaintext',
      requesting: 'queue',
      incoming: 'queue',
      handshaking: 'queue',
      private: 'encrypt',
      'key-changed': 'blocked',
      'ended-by-peer': 'blocked',
      declined: 'plaintext',
      'timed-out': 'plaintext',
      error: 'blocked',
    });
  });
});

describe('requests held back (asks.ts)', () => {
  const query = (now: number): FlowEvent => ({ type: 'peerQuery', wire: `?OTRv3? ${now}`, now, sentAt: now });

  it('after No, a request is held with one line; Start or Retry answers the newest one while it is valid', () => {
    const asked = run(sample('incoming'), { type: 'decline', now: NOW }, query(NOW + 1), query(NOW + 2));
    expect(asked.state.phase).toBe('idle');
    expect(asked.effects.filter((e) => e.type === 'notice')).toEqual([
      { type: 'notice', code: 'otr-request-declined', at: NOW },
      { type: 'notice', code: 'otr-asked-again' },
    ]);
    const started = transition(asked.state, { type: 'start', now: NOW + 3 });
    expect(started.state.phase).toBe('handshaking');
    expect(started.effects).toContainEqual(expect.objectContaining({ type: 'feed', wire: `?OTRv3? ${NOW + 2}` }));

    const afterFailure = { ...sample('declined'), asks: asked.state.asks };
    expect(transition(afterFailure, { type: 'retry', now: NOW + 3 }).state.phase).toBe('handshaking');
    expect(transition(afterFailure, { type: 'retry', now: NOW + 2 + TIMEOUT }).state.phase).toBe('requesting');
  });

  it('a fourth unanswered dialog within ten minutes is held instead', () => {
    let state = sample('idle');
    const phases: string[] = [];
    for (let i = 0; i < 4; i++) {
      state = run(state, query(NOW + i * 1000)).state;
      phases.push(state.phase);
      state = run(state, { type: 'timer', now: NOW + i * 1000 + TIMEOUT }).state;
    }
    expect(phases).toEqual(['incoming', 'incoming', 'incoming', 'idle']);
  });
});
