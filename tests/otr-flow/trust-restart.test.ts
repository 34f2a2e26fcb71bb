// A changed key the user never decided on must not become trusted, not even across a restart: the real trust
// store over the real file secret store, with the room sessions of an app that quits while the dialog is open.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FileSecretStore } from '../../src/main/storage/file-secret-store.js';
import { createTrustStore } from '../../src/otr/trust/trust-store.js';
import { FakeEngine } from './fakes/fake-engine.js';
import { A_FP, B_FP } from './fakes/scenario.js';
import { until } from '../until.js';
import { addParty, FakeClock, FakeServer, ROOM, settle, type Party } from './fakes/world.js';

const C_FP = 'C3'.repeat(20);
const dirs: string[] = [];

/** Waits for a phase: the file store answers on real I/O, later than the fakes' own promise chains. */
function phaseOf(party: Party, phase: string): Promise<void> {
  return until(() => party.sessions.view(ROOM).phase === phase, `${party.name} ${phase}`);
}

afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

/** Alice's trust store as a fresh app start sees it: read back from the files. */
function aliceStore(dir: string) {
  return createTrustStore(new FileSecretStore(dir), 'https://chat.example.org');
}

describe('a changed key across a restart', () => {
  it('stays undecided: key-changed again after a restart, and its messages are never shown as private', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'otrdesk-trust-'));
    dirs.push(dir);
    const clock = new FakeClock();
    const server = new FakeServer(clock);
    const alice = addParty(server, clock, 'alice', new FakeEngine(A_FP), { store: aliceStore(dir) });
    const bob = addParty(server, clock, 'bob', new FakeEngine(B_FP));
    alice.sessions.start(ROOM);
    await settle();
    bob.sessions.accept(ROOM);
    await phaseOf(alice, 'private');
    expect(alice.sessions.view(ROOM)).toMatchObject({ phase: 'private', peerFingerprint: B_FP });
    await until(() => alice.listener.notices.includes('otr-started'), 'alice started');

    // Someone in bob's name (the server, or bob on a new device) starts over with key C.
    bob.sessions.dispose();
    const intruder = addParty(server, clock, 'bob', new FakeEngine(C_FP));
    intruder.sessions.start(ROOM);
    await phaseOf(alice, 'key-changed');
    expect(alice.sessions.view(ROOM)).toMatchObject({ phase: 'key-changed', peerFingerprint: C_FP, previousFingerprint: B_FP });
    intruder.sessions.send(ROOM, 'c1', 'trust me');
    await until(() => alice.listener.messages.length === 1, 'the message under C');
    expect(alice.listener.messages.map((m) => [m.text, m.keyAccepted])).toEqual([['trust me', false]]);

    // Alice quits with the dialog open; the app starts again and C comes back.
    alice.sessions.dispose();
    expect((await aliceStore(dir).list('bob-id')).map((k) => k.fingerprint)).toEqual([B_FP]);
    const aliceAgain = addParty(server, clock, 'alice', new FakeEngine(A_FP), { store: aliceStore(dir) });
    intruder.sessions.end(ROOM);
    await settle();
    intruder.sessions.start(ROOM);
    await phaseOf(aliceAgain, 'incoming');
    aliceAgain.sessions.accept(ROOM);
    await until(() => aliceAgain.sessions.view(ROOM).phase !== 'handshaking', 'alice after the handshake');
    expect(aliceAgain.sessions.view(ROOM)).toMatchObject({ phase: 'key-changed', peerFingerprint: C_FP, previousFingerprint: B_FP });
    intruder.sessions.send(ROOM, 'c2', 'still me');
    await until(() => aliceAgain.listener.messages.length === 1, 'the message under C again');
    expect(aliceAgain.listener.messages.every((m) => !m.keyAccepted)).toBe(true);
    expect(aliceAgain.listener.messages.map((m) => m.text)).toEqual(['still me']);

    // Accepting is what stores C; from then on its messages are private.
    expect(aliceAgain.sessions.acceptNewKey(ROOM, C_FP)).toMatchObject({ ok: true, value: { phase: 'private' } });
    intruder.sessions.send(ROOM, 'c3', 'accepted now');
    await until(() => aliceAgain.listener.messages.length === 2, 'the message after accepting');
    expect(aliceAgain.listener.messages.at(-1)).toMatchObject({ text: 'accepted now', keyAccepted: true });
    // The store writes on real I/O after acceptNewKey answered: read the files back until the write landed.
    await expect.poll(async () => (await aliceStore(dir).list('bob-id')).map((k) => k.fingerprint).sort()).toEqual([B_FP, C_FP].sort());
  });

  it('a key whose handshake is cancelled before its secure event is handled is never stored', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'otrdesk-trust-'));
    dirs.push(dir);
    const clock = new FakeClock();
    const server = new FakeServer(clock);
    const store = aliceStore(dir);
    // The trust lookup after the AKE waits until the test lets it go, like a slow disk.
    let lookups = 0;
    let letGo: () => void = () => undefined;
    const slow = new Promise<void>((resolve) => (letGo = resolve));
    const gated = { ...store, list: async (peer?: string) => { lookups++; await slow; return store.list(peer); } };
    const alice = addParty(server, clock, 'alice', new FakeEngine(A_FP), { store: gated });
    const bob = addParty(server, clock, 'bob', new FakeEngine(B_FP));
    alice.sessions.start(ROOM);
    await settle();
    bob.sessions.accept(ROOM);
    await settle();
    expect(lookups).toBe(1);
    expect(alice.sessions.view(ROOM).phase).toBe('handshaking');
    alice.sessions.cancel(ROOM);
    letGo();
    await settle();
    expect(alice.sessions.view(ROOM).phase).toBe('idle');
    expect(await aliceStore(dir).list('bob-id')).toEqual([]);
  });
});
