// Bad input must never crash the engine or break a private session: 10 000 mutations of real
// captured AKE, data and fragment messages go to a live session, then messages must still flow.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Problems } from '../../src/otr/engine/index.js';
import type { EngineEvent } from '../../src/otr/ports.js';
import { isOtrWire } from '../../src/otr/wire.js';
import { enginePair, goPrivate, isType, type Side } from './helpers.js';
import { mutators, oversized, prng } from './mutate.js';

const SEED = 20261126;
const COUNT = 10_000;
const KNOWN_WORDS = new Set(Object.values(Problems).map((p) => p.message));

describe('fuzz: mutated OTR traffic fed to a live session', () => {
  let a: Side;
  let b: Side;
  let dispose: () => Promise<void>;
  /** What A sent to B: whole AKE and data messages of the live session, and fragments of the other. */
  const whole: string[] = [];
  const fragments: string[] = [];
  /** Data messages A sent that the transport held back: fresh to B, so damage reaches the MAC check. */
  const held: string[] = [];
  const heldTexts = new Set<string>();
  let holding = false;

  beforeAll(async () => {
    ({ a, b, dispose } = await enginePair((from, id, wire) => {
      if (from !== 'a') return true;
      if (holding) {
        held.push(wire);
        return false;
      }
      (id === 'live' ? whole : fragments).push(wire);
      return true;
    }));
    // A fragmented session, to capture fragments of AKE and data messages...
    await goPrivate(a, b, 'frag', 90);
    // ...and the live session under test, with some traffic both ways.
    await goPrivate(a, b, 'live');
    for (let i = 0; i < 6; i++) {
      const mark = b.rec.mark();
      a.engine.send('live', `message ${i} from A`, null);
      a.engine.send('frag', `fragmented ${i} `.repeat(20), null);
      await b.rec.waitFor((e) => e.type === 'message' && e.text === `message ${i} from A`, mark);
      const back = a.rec.mark();
      b.engine.send('live', `reply ${i}`, null);
      await a.rec.waitFor((e) => e.type === 'message' && e.text === `reply ${i}`, back);
    }
    holding = true;
    const mark = a.rec.mark();
    for (let i = 0; i < 40; i++) {
      heldTexts.add(`held back ${i}`);
      a.engine.send('live', `held back ${i}`, `h${i}`);
    }
    await a.rec.waitFor((e) => e.type === 'io' && e.meta === 'h39', mark);
    holding = false;
  });
  afterAll(async () => dispose());

  it(`survives ${COUNT} mutated messages and still carries messages both ways`, async () => {
    const rand = prng(SEED);
    const mutate = mutators(rand);
    const names = Object.keys(mutate);
    const pool = [...whole, ...held, ...fragments];
    // Mostly whole messages: fragments mostly just wait for their siblings, which tests less.
    const source = (): string => {
      const r = rand();
      const from = r < 0.4 ? held : r < 0.75 ? whole : fragments;
      return from[Math.floor(rand() * from.length)]!;
    };
    const start = b.rec.mark();
    const fed: string[] = [];
    for (let i = 0; i < COUNT; i++) {
      const name = names[Math.floor(rand() * names.length)]!;
      const wire = i % 1000 === 999 ? oversized(rand) : mutate[name]!(source(), pool);
      fed.push(wire);
      b.engine.receive('live', wire, null);
    }
    // Everything above went to the worker in one batch; this message is processed after all of it.
    a.engine.send('live', 'after the storm, from A', null);
    const after = await b.rec.waitFor((e) => e.type === 'message' && e.text === 'after the storm, from A', start, 120_000);
    expect(after).toMatchObject({ encrypted: true });
    const back = a.rec.mark();
    b.engine.send('live', 'and B still answers', null);
    expect(await a.rec.waitFor((e) => e.type === 'message' && e.text === 'and B still answers', back)).toMatchObject({ encrypted: true });

    const during = b.rec.events.slice(start, b.rec.events.indexOf(after)).filter((e) => e.sessionId === 'live');
    const errors = during.filter((e): e is Extract<EngineEvent, { type: 'error' }> => e.type === 'error');
    // The engine reported the damage, in its own words, and nothing was fatal.
    expect(errors.length).toBeGreaterThan(COUNT / 2);
    expect(errors.filter((e) => !KNOWN_WORDS.has(e.message))).toEqual([]);
    expect(errors.filter((e) => e.fatal)).toEqual([]);
    // Only genuine held-back messages were accepted as private, each at most once (no forgery, no
    // replay), and no wire text passed as plaintext.
    const messages = during.filter(isType('message'));
    const accepted = messages.filter((m) => m.encrypted).map((m) => m.text);
    expect(accepted.filter((t) => !heldTexts.has(t))).toEqual([]);
    expect(new Set(accepted).size).toBe(accepted.length);
    expect(messages.filter((m) => isOtrWire(m.text))).toEqual([]);
    expect(during.filter((e) => e.type === 'ended' || e.type === 'secure')).toEqual([]);
    expect(new Set(fed).size).toBeGreaterThan(COUNT / 2);
  }, 180_000);
});
