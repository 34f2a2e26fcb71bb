// A ready DM between alice and bob on the fake engine, and the checks most scenarios share.
import { expect } from 'vitest';
import { isOtrWire } from '../../../src/otr/wire.js';
import { FakeEngine } from './fake-engine.js';
import { addParty, FakeClock, FakeServer, ROOM, settle, type PartyOptions } from './world.js';

export const A_FP = 'A1'.repeat(20);
export const B_FP = 'B2'.repeat(20);

export function world(options: PartyOptions = {}) {
  const clock = new FakeClock();
  const server = new FakeServer(clock);
  const aliceEngine = new FakeEngine(A_FP);
  const bobEngine = new FakeEngine(B_FP);
  const alice = addParty(server, clock, 'alice', aliceEngine, options);
  const bob = addParty(server, clock, 'bob', bobEngine, options);
  return { clock, server, alice, bob, aliceEngine, bobEngine };
}

/** alice asks, bob says Yes, both end up private. */
export async function privateWorld(options: PartyOptions = {}) {
  const w = world(options);
  w.alice.sessions.start(ROOM);
  await settle();
  w.bob.sessions.accept(ROOM);
  await settle();
  expect(w.alice.sessions.view(ROOM).phase).toBe('private');
  expect(w.bob.sessions.view(ROOM).phase).toBe('private');
  return w;
}

/** Nothing but OTR wire text ever reached the server, and none of the given plaintexts. */
export function expectOnlyWire(server: FakeServer, ...secrets: string[]): void {
  for (const posted of server.log) {
    expect(isOtrWire(posted.text), posted.text).toBe(true);
    for (const secret of secrets) expect(posted.text).not.toContain(secret);
  }
}
