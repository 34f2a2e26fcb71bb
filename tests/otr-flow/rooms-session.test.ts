// Room sessions once private: trust and key changes, verification (manual and SMP), refresh, a peer that
// restarted, fragments, delivery failures and lost connections.
import { describe, expect, it } from 'vitest';
import { UNREADABLE_TEXT } from '../../src/otr/flow/conventions.js';
import { FakeEngine } from './fakes/fake-engine.js';
import { A_FP, B_FP, expectOnlyWire, privateWorld, world } from './fakes/scenario.js';
import { addParty, ROOM, settle } from './fakes/world.js';

const OLD_FP = 'C3'.repeat(20);

describe('trust', () => {
  it('a new key from a known peer blocks sending until the user accepts that exact key', async () => {
    const w = world();
    w.alice.trust.entries.push({ userId: 'bob-id', username: 'bob', fingerprint: OLD_FP, verified: true, firstSeenAt: 1, inUse: false });
    w.alice.sessions.start(ROOM);
    w.alice.sessions.send(ROOM, 'l1', 'typed early');
    await settle();
    w.bob.sessions.accept(ROOM);
    await settle();
    expect(w.alice.sessions.view(ROOM)).toMatchObject({ phase: 'key-changed', peerFingerprint: B_FP, previousFingerprint: OLD_FP, queued: 1 });
    expect(w.alice.listener.notices).toEqual(['otr-key-changed']);
    expect(w.alice.sessions.send(ROOM, 'l2', 'blocked')).toMatchObject({ kind: 'blocked', error: { code: 'otr-blocked' } });
    expect(w.alice.sessions.acceptNewKey(ROOM, OLD_FP)).toMatchObject({ ok: false, error: { code: 'fingerprint-mismatch' } });
    expect(w.alice.sessions.acceptNewKey(ROOM, B_FP)).toMatchObject({ ok: true, value: { phase: 'private', verified: false } });
    await settle();
    expect(w.bob.listener.messages.map((m) => m.text)).toEqual(['typed early']);
    expect(w.alice.listener.lastStatus('l1')).toBe('sent');
    expect(w.alice.listener.statuses.has('l2')).toBe(false);
  });

  it('a changed key nobody accepted is never stored, so the warning returns', async () => {
    const w = world();
    w.alice.trust.entries.push({ userId: 'bob-id', username: 'bob', fingerprint: OLD_FP, verified: false, firstSeenAt: 1, inUse: false });
    w.alice.sessions.start(ROOM);
    await settle();
    w.bob.sessions.accept(ROOM);
    await settle();
    expect(w.alice.sessions.view(ROOM).phase).toBe('key-changed');
    expect(w.alice.trust.verifiedOf(B_FP)).toBeUndefined();
    w.alice.sessions.end(ROOM);
    await settle();
    expect(w.alice.trust.verifiedOf(B_FP)).toBeUndefined();
    w.bob.sessions.confirmEnded(ROOM);
    w.alice.sessions.start(ROOM);
    await settle();
    w.bob.sessions.accept(ROOM);
    await settle();
    expect(w.alice.sessions.view(ROOM).phase).toBe('key-changed');
  });

  it('verify is bound to the fingerprint shown, and is remembered', async () => {
    const { alice } = await privateWorld();
    expect(alice.sessions.verify(ROOM, OLD_FP)).toMatchObject({ ok: false, error: { code: 'fingerprint-mismatch' } });
    expect(alice.sessions.verify(ROOM, B_FP)).toMatchObject({ ok: true, value: { phase: 'private', verified: true } });
    await settle();
    expect(alice.trust.verifiedOf(B_FP)).toBe(true);
    expect(alice.listener.notices).toContain('otr-verified');
    const fingerprints = await alice.sessions.fingerprints(ROOM);
    expect(fingerprints).toMatchObject({ ok: true, value: { own: A_FP, peer: B_FP, verified: true, known: [{ fingerprint: B_FP, verified: true }] } });
    expect(alice.sessions.unverify(ROOM, B_FP)).toMatchObject({ ok: true, value: { verified: false } });
    await settle();
    expect(alice.trust.verifiedOf(B_FP)).toBe(false);
  });

  it('a known, verified key is private-verified at once next time', async () => {
    const w = await privateWorld();
    w.alice.sessions.verify(ROOM, B_FP);
    w.alice.sessions.end(ROOM);
    await settle();
    w.bob.sessions.confirmEnded(ROOM);
    w.alice.sessions.start(ROOM);
    await settle();
    w.bob.sessions.accept(ROOM);
    await settle();
    expect(w.alice.sessions.view(ROOM)).toMatchObject({ phase: 'private', verified: true });
  });
});

describe('SMP', () => {
  it('the same secret on both sides verifies both', async () => {
    const { alice, bob } = await privateWorld();
    expect(alice.sessions.smpStart(ROOM, { secret: 'blue', question: 'Colour of the door?' })).toMatchObject({
      ok: true,
      value: { smp: { phase: 'asked', startedBy: 'me' } },
    });
    await settle();
    expect(bob.sessions.view(ROOM).smp).toEqual({ phase: 'question', question: 'Colour of the door?', startedBy: 'peer' });
    expect(bob.sessions.smpAnswer(ROOM, 'blue')).toMatchObject({ ok: true, value: { smp: { phase: 'in-progress' } } });
    await settle();
    expect(alice.sessions.view(ROOM)).toMatchObject({ verified: true, smp: { phase: 'succeeded', startedBy: 'me' } });
    expect(bob.sessions.view(ROOM)).toMatchObject({ verified: true, smp: { phase: 'succeeded', startedBy: 'peer' } });
    expect(alice.trust.verifiedOf(B_FP)).toBe(true);
    expect(bob.trust.verifiedOf(A_FP)).toBe(true);
  });

  it('a different secret fails and verifies nothing', async () => {
    const { alice, bob } = await privateWorld();
    alice.sessions.smpStart(ROOM, { secret: 'blue' });
    await settle();
    bob.sessions.smpAnswer(ROOM, 'green');
    await settle();
    expect(alice.sessions.view(ROOM)).toMatchObject({ verified: false, smp: { phase: 'failed' } });
    expect(bob.sessions.view(ROOM)).toMatchObject({ verified: false, smp: { phase: 'failed' } });
    expect(alice.trust.verifiedOf(B_FP)).toBe(false);
  });

  it('either side can abort; answering without a question is refused', async () => {
    const { alice, bob } = await privateWorld();
    expect(bob.sessions.smpAnswer(ROOM, 'x')).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    alice.sessions.smpStart(ROOM, { secret: 'blue' });
    await settle();
    expect(bob.sessions.smpAbort(ROOM)).toMatchObject({ ok: true, value: { smp: { phase: 'aborted' } } });
    await settle();
    expect(alice.sessions.view(ROOM).smp?.phase).toBe('aborted');
  });

  it.each([
    ['failed', 'alice', 'green', 'otr-smp-failed'],
    ['succeeded', 'bob', 'blue', 'otr-smp-succeeded'],
    ['stopped', 'alice', null, 'otr-smp-aborted'],
  ] as const)('tells both sides a check that %s as a chat line (started by %s)', async (_outcome, starter, answer, line) => {
    const w = await privateWorld();
    const [asker, answerer] = starter === 'alice' ? [w.alice, w.bob] : [w.bob, w.alice];
    asker.sessions.smpStart(ROOM, { secret: 'blue' });
    await settle();
    if (answer === null) answerer.sessions.smpAbort(ROOM);
    else answerer.sessions.smpAnswer(ROOM, answer);
    await settle();
    const smpLines = (notices: string[]) => notices.filter((n) => n.startsWith('otr-smp-'));
    expect(smpLines(asker.listener.notices)).toEqual([line]);
    expect(smpLines(answerer.listener.notices)).toEqual([line]);
  });

  it('needs a private session', () => {
    const { alice } = world();
    expect(alice.sessions.smpStart(ROOM, { secret: 'x' })).toMatchObject({ ok: false, error: { code: 'otr-no-session' } });
  });
});

describe('refresh', () => {
  it('replaces the session with a fresh one without asking the peer again', async () => {
    const { alice, bob, aliceEngine, bobEngine } = await privateWorld();
    bob.listener.views.length = 0;
    expect(alice.sessions.refresh(ROOM)).toMatchObject({ ok: true, value: { phase: 'requesting' } });
    await settle();
    expect(alice.sessions.view(ROOM).phase).toBe('private');
    expect(bob.sessions.view(ROOM).phase).toBe('private');
    expect(bob.listener.views.some((v) => v.phase === 'incoming')).toBe(false);
    expect(alice.listener.notices).toEqual(['otr-started', 'otr-refreshed']);
    expect(bob.listener.notices).toEqual(['otr-started', 'otr-refreshed']);
    for (const engine of [aliceEngine, bobEngine]) {
      const ids = engine.openSessionIds();
      expect(ids).toHaveLength(2);
      expect(new Set(ids).size).toBe(2);
    }
    alice.sessions.send(ROOM, 'l1', 'after refresh');
    await settle();
    expect(bob.listener.messages.map((m) => m.text)).toEqual(['after refresh']);
  });
});

describe('the peer restarted', () => {
  it('our messages come back unreadable: error, session lost, message failed; Retry needs consent again', async () => {
    const w = await privateWorld();
    w.bob.sessions.dispose();
    const bobAgain = addParty(w.server, w.clock, 'bob', new FakeEngine(B_FP), { trust: w.bob.trust });

    expect(w.alice.sessions.send(ROOM, 'l1', 'lost?')).toEqual({ kind: 'private', status: 'pending' });
    await settle();
    expect(bobAgain.verdicts.find((v) => v.text.startsWith('?OTR:AAMD'))?.verdict).toEqual({ kind: 'unreadable' });
    expect(w.server.log.some((p) => p.from === 'bob-id' && p.text === UNREADABLE_TEXT)).toBe(true);
    expect(w.alice.sessions.view(ROOM)).toMatchObject({ phase: 'error', error: { code: 'otr-peer-unreadable' } });
    expect(w.alice.listener.notices).toContain('otr-session-lost');
    expect(w.alice.listener.statuses.get('l1')?.at(-1)).toEqual({ status: 'failed', code: 'otr-peer-unreadable' });
    expect(w.alice.sessions.send(ROOM, 'l2', 'still private?')).toMatchObject({ kind: 'blocked' });

    w.alice.sessions.retry(ROOM);
    await settle();
    expect(bobAgain.sessions.view(ROOM).phase).toBe('incoming');
    bobAgain.sessions.accept(ROOM);
    await settle();
    expect(w.alice.sessions.view(ROOM).phase).toBe('private');
    expect(new Set(w.aliceEngine.openSessionIds()).size).toBe(2);
  });

  it('the messages we sent after the peer last spoke are the suspect ones', async () => {
    const w = await privateWorld();
    w.alice.sessions.send(ROOM, 'l1', 'before bob spoke');
    await settle();
    w.bob.sessions.send(ROOM, 'b1', 'got it');
    await settle();
    w.alice.sessions.send(ROOM, 'l2', 'after bob spoke');
    await settle();
    w.bob.sessions.dispose();
    addParty(w.server, w.clock, 'bob', new FakeEngine(B_FP), { trust: w.bob.trust });
    w.alice.sessions.send(ROOM, 'l3', 'unread');
    await settle();
    expect(w.alice.listener.lastStatus('l1')).toBe('sent');
    expect(w.alice.listener.lastStatus('l2')).toBe('failed');
    expect(w.alice.listener.lastStatus('l3')).toBe('failed');
  });
});

describe('what is shown for each DM message', () => {
  it('history is never fed to the engine: data is a placeholder, handshakes hidden; own echoes hidden', async () => {
    const w = await privateWorld({ fragmentSize: 30 });
    w.alice.sessions.send(ROOM, 'l1', 'a long message that needs several fragments');
    await settle();
    const bob = w.bob;
    const fed = (w.bobEngine).receiveCount();
    const verdict = (text: string, fromMe = false, live = false) => bob.sessions.incoming(ROOM, { id: 'h', text, ts: 1, fromMe, live });
    const fragments = w.server.log.filter((p) => p.from === 'alice-id' && p.text.startsWith('?OTR|'));
    const dataFragments = fragments.slice(-Number(/,\d+,(\d+),/.exec(fragments.at(-1)!.text)![1]));
    expect(verdict(dataFragments[0]!.text)).toEqual({ kind: 'unreadable' });
    expect(verdict(dataFragments[1]!.text)).toEqual({ kind: 'hidden' });
    expect(verdict('?OTRv3?\nalice wants to start…')).toEqual({ kind: 'hidden' });
    expect(verdict('?OTR Error:whatever')).toEqual({ kind: 'peer-error', text: 'whatever' });
    expect(verdict('just words')).toEqual({ kind: 'plain', text: 'just words' });
    expect(verdict(dataFragments[0]!.text, true, false)).toEqual({ kind: 'unreadable' });
    expect(verdict(dataFragments[0]!.text, true, true)).toEqual({ kind: 'hidden' });
    expect((w.bobEngine).receiveCount()).toBe(fed);
    expect(bob.listener.messages.map((m) => m.text)).toEqual(['a long message that needs several fragments']);
    expect(bob.listener.messages[0]!.id).toBe(dataFragments.at(-1)!.id);
  });

  it('plain text from the peer is marked unencrypted while the DM is private or becoming so, plain otherwise', async () => {
    const w = world();
    const live = (text: string, live = true) => w.alice.sessions.incoming(ROOM, { id: 'p', text, ts: 1, fromMe: false, live });
    expect(live('before anything')).toEqual({ kind: 'plain', text: 'before anything' });
    w.bob.sessions.start(ROOM);
    await settle();
    expect(live('while bob waits for an answer')).toEqual({ kind: 'plain', text: 'while bob waits for an answer' });
    w.server.held = true;
    w.alice.sessions.accept(ROOM);
    expect(w.alice.sessions.view(ROOM).phase).toBe('handshaking');
    expect(live('during the handshake')).toEqual({ kind: 'unencrypted', text: 'during the handshake' });
    w.server.release();
    await settle();
    expect(w.alice.sessions.view(ROOM).phase).toBe('private');
    expect(live('in clear, in the name of bob')).toEqual({ kind: 'unencrypted', text: 'in clear, in the name of bob' });
    expect(live('from history', false)).toEqual({ kind: 'plain', text: 'from history' });
    w.alice.sessions.end(ROOM);
    expect(live('after the end')).toEqual({ kind: 'plain', text: 'after the end' });
  });

  it('rooms that were never registered only hide OTR and show foreign errors quoted', async () => {
    const { bob } = await privateWorld();
    expect(bob.sessions.incoming('channel', { id: 'q', text: '?OTRv3?', ts: 1, fromMe: false, live: true })).toEqual({ kind: 'hidden' });
    expect(bob.sessions.incoming('channel', { id: 'r', text: '?OTR Error: hi', ts: 1, fromMe: false, live: true })).toEqual({ kind: 'peer-error', text: 'hi' });
    expect(bob.sessions.incoming('channel', { id: 's', text: '?OTR Error: hi', ts: 1, fromMe: true, live: true })).toEqual({ kind: 'hidden' });
    expect(bob.sessions.send('channel', 'c1', 'hi all')).toEqual({ kind: 'plaintext' });
  });
});

describe('delivery', () => {
  it('a fragmented message is sent once every fragment is confirmed', async () => {
    const { server, alice, bob } = await privateWorld({ fragmentSize: 25 });
    alice.sessions.send(ROOM, 'l1', 'fragmented text '.repeat(4));
    await settle();
    expect(server.log.filter((p) => p.text.startsWith('?OTR|')).length).toBeGreaterThan(3);
    expect(alice.listener.statuses.get('l1')).toEqual([{ status: 'sent' }]);
    expect(bob.listener.messages.map((m) => m.text)).toEqual(['fragmented text '.repeat(4)]);
    expectOnlyWire(server, 'fragmented');
  });

  it('a message the server refuses is reported failed, never resent in plain text', async () => {
    const { server, alice } = await privateWorld();
    server.failFrom = 'alice-id';
    alice.sessions.send(ROOM, 'l1', 'refused');
    await settle();
    expect(alice.listener.statuses.get('l1')).toEqual([{ status: 'failed', code: 'disconnected' }]);
    expectOnlyWire(server, 'refused');
  });

  it('while the connection is down messages wait, and go out when it is back; no new requests meanwhile', async () => {
    const { server, alice, bob } = await privateWorld();
    const before = server.log.length;
    alice.sessions.connectionLost();
    expect(alice.sessions.send(ROOM, 'l1', 'sent offline')).toEqual({ kind: 'private', status: 'pending' });
    expect(alice.sessions.refresh(ROOM)).toMatchObject({ ok: false, error: { code: 'disconnected' } });
    await settle();
    expect(server.log.length).toBe(before);
    expect(alice.listener.lastStatus('l1')).toBeUndefined();
    alice.sessions.connectionRestored();
    await settle();
    expect(alice.listener.lastStatus('l1')).toBe('sent');
    expect(bob.listener.messages.map((m) => m.text)).toEqual(['sent offline']);
    expect(alice.sessions.view(ROOM).phase).toBe('private');
  });

  it('a query the server refuses ends the request at once, queued messages failed', async () => {
    const { server, alice } = world();
    server.failFrom = 'alice-id';
    alice.sessions.start(ROOM);
    alice.sessions.send(ROOM, 'l1', 'queued');
    await settle();
    expect(alice.sessions.view(ROOM)).toMatchObject({ phase: 'error', error: { code: 'disconnected' } });
    expect(alice.listener.lastStatus('l1')).toBe('failed');
  });
});

describe('the server removes the DM', () => {
  it('a private session ends with "session lost", and nothing more goes out encrypted or in plain text', async () => {
    const { alice } = await privateWorld();
    alice.sessions.roomRemoved(ROOM);
    expect(alice.sessions.view(ROOM)).toMatchObject({ phase: 'error', error: { code: 'not-found' } });
    expect(alice.listener.notices.at(-1)).toBe('otr-session-lost');
    expect(alice.sessions.send(ROOM, 'l9', 'after removal')).toMatchObject({ kind: 'blocked' });
  });
});

describe('dispose', () => {
  it('goes quiet: no timers fire, no views after it', async () => {
    const { clock, alice } = world();
    alice.sessions.start(ROOM);
    await settle();
    const views = alice.listener.views.length;
    alice.sessions.dispose();
    clock.advance(120_000);
    await settle();
    expect(alice.listener.views.length).toBe(views);
    expect(alice.sessions.start(ROOM)).toMatchObject({ ok: false });
    expect(alice.sessions.send(ROOM, 'l1', 'after dispose')).toMatchObject({ kind: 'blocked' });
  });
});
