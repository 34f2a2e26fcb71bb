// Room sessions, consent: two people in one DM with the fake engine and an in-memory server.
import { describe, expect, it } from 'vitest';
import { DECLINE_TEXT, WITHDRAW_TEXT } from '../../src/otr/flow/conventions.js';
import { A_FP, B_FP, expectOnlyWire, world } from './fakes/scenario.js';
import { ROOM, settle } from './fakes/world.js';

describe('consent', () => {
  it('start → the peer is asked, and nothing runs before Yes → both private, messages both ways', async () => {
    const { clock, server, alice, bob, bobEngine } = world();
    const started = alice.sessions.start(ROOM);
    expect(started).toEqual({ ok: true, value: expect.objectContaining({ phase: 'requesting', expiresAt: clock.now + 60_000 }) });
    await settle();
    expect(server.log[0]!.text).toMatch(/^\?OTRv3\?\nalice wants to start an encrypted Off-the-Record chat/);
    expect(bob.sessions.view(ROOM)).toMatchObject({ phase: 'incoming', expiresAt: clock.now + 60_000 });
    expect(bobEngine.calls).toEqual([]);

    expect(bob.sessions.accept(ROOM).ok).toBe(true);
    await settle();
    expect(alice.sessions.view(ROOM)).toMatchObject({ phase: 'private', verified: false, peerFingerprint: B_FP });
    expect(bob.sessions.view(ROOM)).toMatchObject({ phase: 'private', verified: false, peerFingerprint: A_FP });
    expect(alice.listener.notices).toEqual(['otr-started']);
    expect(bob.listener.notices).toEqual(['otr-started']);

    expect(alice.sessions.send(ROOM, 'l1', 'hello bob')).toEqual({ kind: 'private', status: 'pending' });
    expect(bob.sessions.send(ROOM, 'l2', 'hi alice')).toEqual({ kind: 'private', status: 'pending' });
    await settle();
    expect(alice.listener.lastStatus('l1')).toBe('sent');
    const carrier = server.log.find((p) => p.from === 'alice-id' && p.text.startsWith('?OTR:AAMD'))!;
    expect(bob.listener.messages).toEqual([{ id: carrier.id, text: 'hello bob', ts: carrier.ts, keyAccepted: true }]);
    expect(alice.listener.messages.map((m) => m.text)).toEqual(['hi alice']);
    expectOnlyWire(server, 'hello bob', 'hi alice');
    // Every OTR message was kept off the screen: hidden on both sides.
    expect(bob.verdicts.every((v) => v.verdict.kind === 'hidden')).toBe(true);
  });

  it('No: the requester sees declined, its queued message fails unsent; Retry asks again without a dialog', async () => {
    const { server, alice, bob } = world();
    alice.sessions.start(ROOM);
    expect(alice.sessions.send(ROOM, 'l1', 'my secret')).toEqual({ kind: 'private', status: 'queued' });
    await settle();
    expect(bob.sessions.decline(ROOM)).toMatchObject({ ok: true, value: { phase: 'idle' } });
    await settle();
    expect(server.log.at(-1)!.text).toBe(DECLINE_TEXT);
    expect(alice.sessions.view(ROOM).phase).toBe('declined');
    expect(alice.listener.notices).toEqual(['otr-declined']);
    expect(alice.listener.statuses.get('l1')).toEqual([{ status: 'failed', code: 'otr-no-session' }]);
    expectOnlyWire(server, 'my secret');

    expect(alice.sessions.retry(ROOM)).toMatchObject({ ok: true, value: { phase: 'requesting' } });
    await settle();
    // bob said No a moment ago: the new request opens no dialog, his chat only says that alice asked again.
    expect(bob.sessions.view(ROOM).phase).toBe('idle');
    expect(bob.listener.notices).toEqual(['otr-request-declined', 'otr-asked-again']);
    expect(alice.sessions.cancel(ROOM)).toMatchObject({ ok: true, value: { phase: 'idle' } });
    expect(alice.sessions.send(ROOM, 'l2', 'now plain')).toEqual({ kind: 'plaintext' });
  });

  it('the countdown runs out on both sides at the same time; Retry starts over', async () => {
    const { clock, server, alice, bob } = world();
    alice.sessions.start(ROOM);
    alice.sessions.send(ROOM, 'l1', 'waiting');
    await settle();
    server.held = true; // the withdrawal does not arrive: bob's own countdown must close the dialog
    clock.advance(59_999);
    expect(alice.sessions.view(ROOM).phase).toBe('requesting');
    expect(bob.sessions.view(ROOM).phase).toBe('incoming');
    clock.advance(1);
    await settle();
    expect(alice.sessions.view(ROOM).phase).toBe('timed-out');
    expect(alice.listener.notices).toEqual(['otr-timed-out']);
    expect(alice.listener.lastStatus('l1')).toBe('failed');
    expect(bob.sessions.view(ROOM).phase).toBe('idle');
    // bob's dialog does not vanish silently: his chat keeps a line saying the request expired.
    expect(bob.listener.notices).toEqual(['otr-request-expired']);
    server.release();
    await settle();
    expect(server.log.at(-1)!.text).toBe(WITHDRAW_TEXT);

    alice.sessions.retry(ROOM);
    await settle();
    expect(bob.sessions.view(ROOM).phase).toBe('incoming');
  });

  it('Cancel withdraws the request and closes the peer dialog', async () => {
    const { alice, bob } = world();
    alice.sessions.start(ROOM);
    await settle();
    expect(alice.sessions.cancel(ROOM)).toMatchObject({ ok: true, value: { phase: 'idle' } });
    await settle();
    expect(bob.sessions.view(ROOM).phase).toBe('idle');
    expect(bob.sessions.accept(ROOM)).toMatchObject({ ok: false, error: { code: 'otr-no-session' } });
  });

  it('requests crossing from both sides end in one session', async () => {
    const { server, alice, bob, aliceEngine, bobEngine } = world();
    server.held = true;
    alice.sessions.start(ROOM);
    bob.sessions.start(ROOM);
    server.release();
    await settle();
    expect(alice.sessions.view(ROOM).phase).toBe('private');
    expect(bob.sessions.view(ROOM).phase).toBe('private');
    expect(aliceEngine.openSessionIds()).toHaveLength(1);
    expect(bobEngine.openSessionIds()).toHaveLength(1);
    alice.sessions.send(ROOM, 'l1', 'one session');
    await settle();
    expect(bob.listener.messages.map((m) => m.text)).toEqual(['one session']);
  });

  it('ending: the peer is told, cannot send until it confirms, then both are back to plain text', async () => {
    const { alice, bob } = world();
    alice.sessions.start(ROOM);
    await settle();
    bob.sessions.accept(ROOM);
    await settle();
    expect(alice.sessions.end(ROOM)).toMatchObject({ ok: true, value: { phase: 'idle' } });
    expect(alice.listener.notices).toContain('otr-ended-by-me');
    await settle();
    expect(bob.sessions.view(ROOM).phase).toBe('ended-by-peer');
    expect(bob.listener.notices).toContain('otr-ended-by-peer');
    expect(bob.sessions.send(ROOM, 'l1', 'still private?')).toMatchObject({ kind: 'blocked', error: { code: 'otr-blocked' } });
    expect(bob.sessions.confirmEnded(ROOM)).toMatchObject({ ok: true, value: { phase: 'idle' } });
    expect(bob.sessions.send(ROOM, 'l2', 'plain again')).toEqual({ kind: 'plaintext' });
    expect(alice.sessions.send(ROOM, 'l3', 'plain too')).toEqual({ kind: 'plaintext' });
    // Pressing End twice is harmless.
    expect(alice.sessions.end(ROOM)).toMatchObject({ ok: true, value: { phase: 'idle' } });
  });

  it('what both type during the handshake waits, then goes out encrypted in order', async () => {
    const { server, alice, bob } = world();
    alice.sessions.start(ROOM);
    alice.sessions.send(ROOM, 'l1', 'first');
    alice.sessions.send(ROOM, 'l2', 'second');
    expect(alice.sessions.view(ROOM).queued).toBe(2);
    await settle();
    expect(bob.sessions.send(ROOM, 'b1', 'typed while asked')).toEqual({ kind: 'private', status: 'queued' });
    bob.sessions.accept(ROOM);
    await settle();
    expect(alice.listener.statuses.get('l1')!.map((s) => s.status)).toEqual(['pending', 'sent']);
    expect(alice.sessions.view(ROOM).queued).toBe(0);
    expect(bob.listener.messages.map((m) => m.text)).toEqual(['first', 'second']);
    expect(alice.listener.messages.map((m) => m.text)).toEqual(['typed while asked']);
    expectOnlyWire(server, 'first', 'second', 'typed while asked');
  });

  it('refuses what makes no sense, with a code the user can act on', async () => {
    const { alice, bob } = world();
    expect(alice.sessions.start('no-such-room')).toMatchObject({ ok: false, error: { code: 'otr-not-direct' } });
    expect(alice.sessions.registerRoom({ roomId: 'self', peer: { id: 'alice-id', username: 'alice' } })).toMatchObject({
      ok: false,
      error: { code: 'otr-not-direct' },
    });
    expect(alice.sessions.accept(ROOM)).toMatchObject({ ok: false, error: { code: 'otr-no-session' } });
    expect(alice.sessions.refresh(ROOM)).toMatchObject({ ok: false, error: { code: 'otr-no-session' } });
    alice.sessions.start(ROOM);
    expect(alice.sessions.start(ROOM)).toMatchObject({ ok: false, error: { code: 'otr-busy' } });
    await settle();
    // Start while the peer's request waits is Yes.
    expect(bob.sessions.start(ROOM)).toMatchObject({ ok: true, value: { phase: 'handshaking' } });
  });

  it('a query with no countdown left when it arrives (delivered late) asks nothing', async () => {
    const { clock, server, alice, bob } = world();
    server.held = true;
    alice.sessions.start(ROOM);
    alice.sessions.cancel(ROOM);
    await settle();
    clock.advance(61_000);
    server.release();
    await settle();
    expect(bob.sessions.view(ROOM).phase).toBe('idle');
    expect(bob.listener.views).toEqual([]);
  });
});
