// The request timeout is a user setting: changing it applies to the next request in rooms already open.
import { describe, expect, it } from 'vitest';
import { world } from './fakes/scenario.js';
import { ROOM, settle } from './fakes/world.js';

describe('request timeout setting', () => {
  it('a changed timeout applies to the next request, on both sides, without signing in again', async () => {
    const { clock, alice, bob } = world();
    alice.sessions.setRequestTimeout(10_000);
    bob.sessions.setRequestTimeout(10_000);
    expect(alice.sessions.start(ROOM)).toMatchObject({ ok: true, value: { phase: 'requesting', expiresAt: clock.now + 10_000 } });
    await settle();
    expect(bob.sessions.view(ROOM)).toMatchObject({ phase: 'incoming', expiresAt: clock.now + 10_000 });
    clock.advance(10_000);
    await settle();
    expect(alice.sessions.view(ROOM).phase).toBe('timed-out');
    expect(bob.sessions.view(ROOM).phase).toBe('idle');
  });
});
