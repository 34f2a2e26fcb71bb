import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Problems } from '../../src/otr/engine/index.js';
import { isFragment, isOtrWire, FRAGMENT_HEADER_MAX } from '../../src/otr/wire.js';
import { enginePair, goPrivate, isType, type Side } from './helpers.js';

describe('worker engine: a private conversation between two engines', () => {
  let a: Side;
  let b: Side;
  let dispose: () => Promise<void>;
  const wires: string[] = [];
  const aToB: string[] = [];

  beforeAll(async () => {
    ({ a, b, dispose } = await enginePair((from, _id, wire) => {
      wires.push(wire);
      if (from === 'a') aToB.push(wire);
    }));
  });
  afterAll(async () => dispose());

  it('completes the AKE and each side sees the other\'s real fingerprint', async () => {
    await goPrivate(a, b, 's1');
    expect(a.rec.of('secure', 's1')[0]!.peerFingerprint).toBe(b.identity.fingerprint);
    expect(b.rec.of('secure', 's1')[0]!.peerFingerprint).toBe(a.identity.fingerprint);
  });

  it('delivers the message typed before the AKE encrypted, and messages both ways after it', async () => {
    const first = await b.rec.waitFor((e) => e.type === 'message' && e.sessionId === 's1');
    expect(first).toMatchObject({ text: 'hello', encrypted: true });
    const fromB = b.rec.mark();
    const fromA = a.rec.mark();
    a.engine.send('s1', 'Grüße 👋 from A', 'm2');
    b.engine.send('s1', 'and back from B', 'm3');
    expect(await b.rec.waitFor(isType('message', 's1'), fromB)).toMatchObject({ text: 'Grüße 👋 from A', encrypted: true });
    expect(await a.rec.waitFor(isType('message', 's1'), fromA)).toMatchObject({ text: 'and back from B', encrypted: true });
    // Our own io carries the meta we gave, so the caller can match its outgoing message.
    expect(a.rec.of('io', 's1').some((e) => e.meta === 'm2')).toBe(true);
    // Nothing that travelled between the engines is readable text.
    expect(wires.every((w) => isOtrWire(w))).toBe(true);
    expect(wires.some((w) => w.includes('Grüße'))).toBe(false);
  });

  it('sends one query however many messages are typed during the handshake', async () => {
    const from = a.rec.mark();
    a.engine.openSession('s2', { fragmentSize: 0 });
    b.engine.openSession('s2', { fragmentSize: 0 });
    for (const text of ['one', 'two', 'three']) a.engine.send('s2', text, text);
    const received: string[] = [];
    for (let i = 0; i < 3; i++) {
      const m = await b.rec.waitFor((e) => e.type === 'message' && e.sessionId === 's2' && !received.includes(e.text));
      if (m.type === 'message') received.push(m.text);
    }
    expect(received).toEqual(['one', 'two', 'three']);
    expect(a.rec.of('io', 's2', from).filter((e) => e.wire.startsWith('?OTRv')).length).toBe(1);
  });

  it('splits every wire message into fragments that fit the size limit', async () => {
    const from = a.rec.mark();
    await goPrivate(a, b, 's3', 80);
    a.engine.send('s3', 'x'.repeat(500), null);
    await b.rec.waitFor((e) => e.type === 'message' && e.sessionId === 's3' && e.text.length === 500);
    const out = a.rec.of('io', 's3', from).map((e) => e.wire);
    expect(out.filter(isFragment).length).toBeGreaterThan(5);
    expect(out.every((w) => w.length <= 80 + FRAGMENT_HEADER_MAX)).toBe(true);
  });

  it('shows plaintext from the peer as not encrypted', async () => {
    const from = b.rec.mark();
    b.engine.receive('s1', 'just plain words', 'p1');
    expect(await b.rec.waitFor(isType('message', 's1'), from)).toMatchObject({ text: 'just plain words', encrypted: false, meta: 'p1' });
  });

  it('never passes OTR text off as plaintext, even behind other words', async () => {
    const from = b.rec.mark();
    b.engine.receive('s1', 'look: ?OTR:AAIDbm9uc2Vuc2U=.', null);
    b.engine.receive('s1', 'what is ?OTR anyway', 'p2');
    expect(await b.rec.waitFor(isType('message', 's1'), from)).toMatchObject({ text: 'what is ?OTR anyway', encrypted: false });
    expect(b.rec.of('error', 's1', from).map((e) => e.message)).toEqual([Problems.unreadableWire.message]);
  });

  it('tells the peer of a message it cannot take with libotr\'s error prefix, space included', async () => {
    await goPrivate(a, b, 'e1');
    const fromB = b.rec.mark();
    a.engine.send('e1', 'once', 'r1');
    await b.rec.waitFor(isType('message', 'e1'), fromB);
    // A replayed data message ("counter not larger") makes the library tell the peer it could not read it.
    const replay = aToB.filter((w) => w.startsWith('?OTR:AAMD')).at(-1)!;
    b.engine.receive('e1', replay, null);
    const told = await b.rec.waitFor((e) => e.type === 'io' && e.sessionId === 'e1' && e.wire.startsWith('?OTR Error'), fromB);
    // A Pidgin user sees this sentence as an error, not the raw string as a chat message.
    expect(told).toMatchObject({ wire: '?OTR Error: An OTR error has occurred.' });
  });

  it('refuses a new handshake inside a private session and keeps it working', async () => {
    const from = b.rec.mark();
    b.engine.receive('s1', '?OTRv3?', null);
    expect(await b.rec.waitFor(isType('error', 's1'), from)).toMatchObject({ message: Problems.handshakeWhilePrivate.message, fatal: false });
    a.engine.send('s1', 'still private', null);
    expect(await b.rec.waitFor(isType('message', 's1'), from)).toMatchObject({ text: 'still private', encrypted: true });
  });

  it('ends: the peer is told, and the ended session neither sends nor reads', async () => {
    const fromA = a.rec.mark();
    const fromB = b.rec.mark();
    a.engine.end('s1');
    expect(await a.rec.waitFor(isType('ended', 's1'), fromA)).toMatchObject({ byPeer: false });
    expect(await b.rec.waitFor(isType('ended', 's1'), fromB)).toMatchObject({ byPeer: true });
    b.engine.send('s1', 'too late', null);
    expect(await b.rec.waitFor(isType('error', 's1'), fromB)).toMatchObject({ message: Problems.sendAfterEnd.message, fatal: true });
    expect(b.rec.of('io', 's1', fromB)).toEqual([]);
  });

  it('reports calls on a session that is not open', async () => {
    const from = a.rec.mark();
    a.engine.send('nope', 'x', null);
    expect(await a.rec.waitFor(isType('error', 'nope'), from)).toMatchObject({ message: Problems.noSession.message });
  });
});
