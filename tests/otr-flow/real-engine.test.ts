// Two room sessions on the real worker engine (arlolra `otr` in a worker thread), joined by the in-memory
// server: start → accept → messages both ways → SMP → end → confirm, with only OTR wire text on the server.
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { createWorkerEngine } from '../../src/otr/engine/index.js';
import type { Identity, OtrEngine } from '../../src/otr/ports.js';
import { expectOnlyWire } from './fakes/scenario.js';
import { until } from '../until.js';
import { addParty, FakeClock, FakeServer, ROOM, type Party } from './fakes/world.js';

const { identities } = JSON.parse(
  readFileSync(new URL('../otr-engine/fixtures/test-identities.json', import.meta.url), 'utf8'),
) as { identities: Identity[] };
const [aliceId, bobId] = identities as [Identity, Identity];

const engines: OtrEngine[] = [];
afterEach(async () => {
  await Promise.all(engines.splice(0).map((e) => e.dispose()));
});

async function engineFor(identity: Identity): Promise<OtrEngine> {
  const engine = createWorkerEngine();
  engines.push(engine);
  await engine.useIdentity(identity);
  return engine;
}

async function realPair(fragmentSize: number): Promise<{ server: FakeServer; alice: Party; bob: Party }> {
  const clock = new FakeClock();
  const server = new FakeServer(clock, Date.now);
  const options = { fakeTime: false, fragmentSize };
  const alice = addParty(server, clock, 'alice', await engineFor(aliceId), { ...options, ownFingerprint: aliceId.fingerprint });
  const bob = addParty(server, clock, 'bob', await engineFor(bobId), { ...options, ownFingerprint: bobId.fingerprint });
  return { server, alice, bob };
}

describe('room sessions on the real engine', () => {
  it('start → accept → messages both ways → SMP → end → confirm', async () => {
    const { server, alice, bob } = await realPair(0);
    alice.sessions.start(ROOM);
    await until(() => bob.sessions.view(ROOM).phase === 'incoming', 'bob is asked');
    alice.sessions.send(ROOM, 'early', 'typed before bob said yes');
    bob.sessions.accept(ROOM);
    await until(() => alice.sessions.view(ROOM).phase === 'private' && bob.sessions.view(ROOM).phase === 'private', 'both are private');
    expect(alice.sessions.view(ROOM).peerFingerprint).toBe(bobId.fingerprint);
    expect(bob.sessions.view(ROOM).peerFingerprint).toBe(aliceId.fingerprint);

    alice.sessions.send(ROOM, 'a1', 'Hallo Bob, dit is privé ✓');
    bob.sessions.send(ROOM, 'b1', 'Hi Alice');
    await until(() => bob.listener.messages.length === 2 && alice.listener.messages.length === 1, 'both messages arrive');
    expect(bob.listener.messages.map((m) => m.text)).toEqual(['typed before bob said yes', 'Hallo Bob, dit is privé ✓']);
    expect(alice.listener.messages.map((m) => m.text)).toEqual(['Hi Alice']);
    await until(() => alice.listener.lastStatus('a1') === 'sent', 'alice sees hers sent');

    alice.sessions.smpStart(ROOM, { secret: 'the blue door', question: 'Where did we meet?' });
    await until(() => bob.sessions.view(ROOM).smp?.phase === 'question', 'bob gets the question');
    expect(bob.sessions.view(ROOM).smp?.question).toBe('Where did we meet?');
    bob.sessions.smpAnswer(ROOM, 'the blue door');
    await until(() => alice.sessions.view(ROOM).verified === true && bob.sessions.view(ROOM).verified === true, 'both are verified');
    expect(alice.trust.verifiedOf(bobId.fingerprint)).toBe(true);
    expect(bob.trust.verifiedOf(aliceId.fingerprint)).toBe(true);

    alice.sessions.end(ROOM);
    await until(() => bob.sessions.view(ROOM).phase === 'ended-by-peer', 'bob sees the end');
    expect(bob.sessions.send(ROOM, 'b2', 'after the end')).toMatchObject({ kind: 'blocked' });
    bob.sessions.confirmEnded(ROOM);
    expect(bob.sessions.view(ROOM).phase).toBe('idle');
    expect(alice.sessions.view(ROOM).phase).toBe('idle');
    expectOnlyWire(server, 'Hallo', 'Hi Alice', 'blue door', 'typed before');
  });

  it('fragmented messages, a refresh to a fresh session, and the peer restarting', async () => {
    const { server, alice, bob } = await realPair(120);
    alice.sessions.start(ROOM);
    await until(() => bob.sessions.view(ROOM).phase === 'incoming', 'bob is asked');
    bob.sessions.accept(ROOM);
    await until(() => alice.sessions.view(ROOM).phase === 'private' && bob.sessions.view(ROOM).phase === 'private', 'both are private');
    const long = 'A message long enough to need fragments. '.repeat(10);
    alice.sessions.send(ROOM, 'a1', long);
    await until(() => bob.listener.messages.length === 1, 'the long message arrives');
    expect(bob.listener.messages[0]!.text).toBe(long);
    await until(() => alice.listener.lastStatus('a1') === 'sent', 'it is sent');

    bob.sessions.refresh(ROOM);
    await until(() => alice.listener.notices.includes('otr-refreshed') && bob.listener.notices.includes('otr-refreshed'), 'both private again');
    bob.sessions.send(ROOM, 'b1', 'after the refresh');
    await until(() => alice.listener.messages.length === 1, 'it arrives');

    // Bob's app restarts: a new engine and new room sessions, the same identity and trust.
    bob.sessions.dispose();
    const clock = new FakeClock();
    const bobAgain = addParty(server, clock, 'bob', await engineFor(bobId), {
      fakeTime: false, fragmentSize: 120, trust: bob.trust, ownFingerprint: bobId.fingerprint,
    });
    alice.sessions.send(ROOM, 'a2', 'are you still there?');
    await until(() => alice.sessions.view(ROOM).phase === 'error', 'alice learns the session is lost');
    expect(alice.sessions.view(ROOM).error?.code).toBe('otr-peer-unreadable');
    expect(alice.listener.lastStatus('a2')).toBe('failed');
    expect(bobAgain.verdicts.some((v) => v.verdict.kind === 'unreadable')).toBe(true);

    alice.sessions.retry(ROOM);
    await until(() => bobAgain.sessions.view(ROOM).phase === 'incoming', 'bob is asked again');
    bobAgain.sessions.accept(ROOM);
    await until(() => alice.sessions.view(ROOM).phase === 'private' && bobAgain.sessions.view(ROOM).phase === 'private', 'private again');
    expect(alice.sessions.view(ROOM).verified).toBe(false);
    expectOnlyWire(server, 'long enough', 'after the refresh', 'still there');
  });
});
