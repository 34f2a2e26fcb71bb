import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Problems } from '../../src/otr/engine/index.js';
import { createWorkerEngine } from '../../src/otr/engine/index.js';
import { alice, bob, enginePair, goPrivate, isType, type Side } from './helpers.js';

describe('worker engine: verifying the peer with SMP', () => {
  let a: Side;
  let b: Side;
  let dispose: () => Promise<void>;

  beforeAll(async () => {
    ({ a, b, dispose } = await enginePair());
    await goPrivate(a, b, 'v');
  });
  afterAll(async () => dispose());

  it('succeeds on both sides when the answer matches, with the question shown to the peer', async () => {
    const fromA = a.rec.mark();
    const fromB = b.rec.mark();
    a.engine.smpStart('v', 'blue whale', 'Where did we meet? 🐋');
    expect(await b.rec.waitFor(isType('smp', 'v'), fromB)).toMatchObject({ event: 'question', question: 'Where did we meet? 🐋' });
    b.engine.smpAnswer('v', 'blue whale');
    const mine = await a.rec.waitFor((e) => e.type === 'smp' && e.event === 'result', fromA);
    const theirs = await b.rec.waitFor((e) => e.type === 'smp' && e.event === 'result', fromB);
    expect(mine).toMatchObject({ trusted: true, startedBy: 'me' });
    expect(theirs).toMatchObject({ trusted: true, startedBy: 'peer' });
  });

  it('fails on both sides when the answers differ', async () => {
    const fromA = a.rec.mark();
    const fromB = b.rec.mark();
    b.engine.smpStart('v', 'one secret');
    expect(await a.rec.waitFor(isType('smp', 'v'), fromA)).toMatchObject({ event: 'question', question: undefined });
    a.engine.smpAnswer('v', 'another secret');
    expect(await a.rec.waitFor((e) => e.type === 'smp' && e.event === 'result', fromA)).toMatchObject({ trusted: false, startedBy: 'peer' });
    expect(await b.rec.waitFor((e) => e.type === 'smp' && e.event === 'result', fromB)).toMatchObject({ trusted: false, startedBy: 'me' });
  });

  it('tells the peer when we abort, and answering with no question pending is refused', async () => {
    const fromA = a.rec.mark();
    const fromB = b.rec.mark();
    a.engine.smpStart('v', 'secret');
    await b.rec.waitFor(isType('smp', 'v'), fromB);
    a.engine.smpAbort('v');
    expect(await a.rec.waitFor(isType('smp', 'v'), fromA)).toMatchObject({ event: 'aborted' });
    expect(await b.rec.waitFor((e) => e.type === 'smp' && e.event === 'aborted', fromB)).toBeTruthy();
    b.engine.smpAnswer('v', 'secret');
    expect(await b.rec.waitFor(isType('error', 'v'), fromB)).toMatchObject({ message: Problems.smpNoQuestion.message });
    // The session itself is untouched.
    a.engine.send('v', 'after the abort', null);
    expect(await b.rec.waitFor((e) => e.type === 'message' && e.text === 'after the abort', fromB)).toBeTruthy();
  });
});

describe('worker engine: identities', () => {
  it('refuses an identity whose key does not match its fingerprint, and sessions without one', async () => {
    const engine = createWorkerEngine();
    try {
      await expect(engine.useIdentity({ ...alice, fingerprint: bob.fingerprint })).rejects.toThrow(/does not match/);
      await expect(engine.useIdentity({ ...alice, packedKey: 'AAAA' })).rejects.toThrow(/stored identity key/);
      const events: unknown[] = [];
      engine.onEvent((e) => void events.push(e));
      engine.openSession('x', { fragmentSize: 0 });
      await expect.poll(() => events).toContainEqual({ type: 'error', sessionId: 'x', message: Problems.noIdentity.message, fatal: true });
    } finally {
      await engine.dispose();
    }
  });

  it('generates a fresh identity in the worker that sessions can use', async () => {
    const engine = createWorkerEngine();
    try {
      const identity = await engine.generateIdentity();
      expect(identity.fingerprint).toMatch(/^[0-9A-F]{40}$/);
      expect(identity.instanceTagHex).toMatch(/^[0-9a-f]{8}$/);
      expect(parseInt(identity.instanceTagHex, 16)).toBeGreaterThanOrEqual(0x100);
      await expect(engine.useIdentity(identity)).resolves.toBeUndefined();
    } finally {
      await engine.dispose();
    }
  });

  it('rejects pending calls when disposed', async () => {
    const engine = createWorkerEngine();
    const pending = expect(engine.generateIdentity()).rejects.toThrow(/disposed/);
    await engine.dispose();
    await pending;
  });
});
