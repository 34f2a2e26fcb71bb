// Bug B: a second AKE on the same arlolra OTR objects rebuilds the same AES-CTR key with the counter
// back at 1, so C1 ⊕ C2 = P1 ⊕ P2 (a two-time pad). The engine makes a fresh object per session.
// The same detector is run on reused library objects to show that it does catch the reuse.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import otr, { type OtrSession } from 'otr';
import { isDataMessage } from '../../src/otr/wire.js';
import { alice, bob, enginePair, goPrivate, isType, type Side } from './helpers.js';
import { dataPayload } from './otr-wire-parse.js';

const P1 = 'attack at dawn, bring the maps!';
const P2 = 'retreat at dusk; burn the notes.';

/** True when the two ciphertexts were made with the same keystream as their plaintexts. */
function keystreamReused(c1: Buffer, p1: string, c2: Buffer, p2: string): boolean {
  const a = Buffer.from(p1, 'utf8');
  const b = Buffer.from(p2, 'utf8');
  const n = Math.min(c1.length, c2.length, a.length, b.length);
  if (n === 0) return false;
  for (let i = 0; i < n; i++) if ((c1[i]! ^ c2[i]!) !== (a[i]! ^ b[i]!)) return false;
  return true;
}

describe('Bug B: two sessions between the same identities never share a keystream', () => {
  let a: Side;
  let b: Side;
  let dispose: () => Promise<void>;
  /** Data messages A sent, per session, in order. */
  const fromA: string[] = [];

  beforeAll(async () => {
    ({ a, b, dispose } = await enginePair((from, _id, wire) => {
      if (from === 'a' && isDataMessage(wire)) fromA.push(wire);
    }));
  });
  afterAll(async () => dispose());

  async function session(first: string): Promise<string> {
    const start = fromA.length;
    await goPrivate(a, b, 'dm', 0, first);
    const markA = a.rec.mark();
    const markB = b.rec.mark();
    await b.rec.waitFor((e) => e.type === 'message' && e.text === first, markB - 1);
    // Two round trips: with the library's own restart, that is when the keys come back.
    for (const round of [1, 2]) {
      b.engine.send('dm', `reply ${round}`, null);
      await a.rec.waitFor((e) => e.type === 'message' && e.text === `reply ${round}`, markA);
      a.engine.send('dm', `and again ${round}`, null);
      await b.rec.waitFor((e) => e.type === 'message' && e.text === `and again ${round}`, markB);
    }
    a.engine.end('dm');
    // B ended by A's disconnect: that wire has gone past the tap, so it is not taken for the next session's.
    expect(await b.rec.waitFor(isType('ended', 'dm'), markB)).toMatchObject({ byPeer: true });
    a.engine.closeSession('dm');
    b.engine.closeSession('dm');
    return fromA[start]!;
  }

  it('through the engine: the first messages of consecutive sessions use different keystreams', async () => {
    const first = dataPayload(await session(P1));
    const second = dataPayload(await session(P2));
    // Both are counter 1: only fresh keys keep them apart.
    expect([first.ctr.toString('hex'), second.ctr.toString('hex')]).toEqual(['0000000000000001', '0000000000000001']);
    expect(keystreamReused(first.encrypted, P1, second.encrypted, P2)).toBe(false);
  });
});

describe('the keystream-reuse detector', () => {
  function object(key: typeof alice): { otr: OtrSession; out: string[] } {
    const o = new otr.OTR({ priv: otr.DSA.parsePrivate(key.packedKey), instance_tag: Buffer.from(key.instanceTagHex, 'hex').toString('latin1') });
    o.ALLOW_V2 = false;
    const out: string[] = [];
    o.on('io', (wire) => {
      out.push(wire);
    });
    return { otr: o, out };
  }

  async function pump(x: { otr: OtrSession; out: string[] }, y: { otr: OtrSession; out: string[] }, sent: string[]): Promise<void> {
    for (let i = 0; i < 12; i++) {
      await new Promise((resolve) => setTimeout(resolve, 5));
      for (const [from, to] of [[x, y], [y, x]] as const) {
        for (const wire of from.out.splice(0)) {
          if (from === x && isDataMessage(wire)) sent.push(wire);
          to.otr.receiveMsg(wire);
        }
      }
    }
  }

  it('catches the reuse when the same library objects are restarted', async () => {
    const A = object(alice);
    const B = object(bob);
    const sent: string[] = [];
    A.otr.sendQueryMsg();
    await pump(A, B, sent);
    A.otr.sendMsg(P1);
    await pump(A, B, sent);
    for (const round of [1, 2]) {
      B.otr.sendMsg(`reply ${round}`);
      await pump(A, B, sent);
      A.otr.sendMsg(`and again ${round}`);
      await pump(A, B, sent);
    }
    A.otr.endOtr();
    B.otr.endOtr();
    await pump(A, B, sent);
    const second = sent.length;
    A.otr.sendQueryMsg();
    await pump(A, B, sent);
    A.otr.sendMsg(P2);
    await pump(A, B, sent);
    const c1 = dataPayload(sent[0]!);
    const c2 = dataPayload(sent[second]!);
    expect(c2.ctr.toString('hex')).toBe('0000000000000001');
    expect(keystreamReused(c1.encrypted, P1, c2.encrypted, P2)).toBe(true);
  });
});
