// Issue 14, as seen once in five runs of large-account.test.ts: user-1 asked alice to go private just as she had
// signed in, and the request reached her screen only when she opened the DM. Here the local server holds her
// `__my_messages__` subscription (faults.holdSubscription) until the request is stored, so it lands between her
// sign-in and the stream being ready every run. Whole account cores (connection, OTR engine, chat service).
import { afterEach, describe, expect, it } from 'vitest';
import { person, phaseOf, until, type Person } from '../../bench/lib/large-account.js';
import { startServer, type LocalServer } from '../../server/index.js';

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function started(): Promise<LocalServer> {
  const server = await startServer({ port: 0, seed: 'demo', seedRooms: 1 });
  cleanups.push(() => server.close());
  return server;
}

function tracked(made: Person): Person {
  cleanups.push(() => made.dispose());
  return made;
}

describe('an OTR request sent while alice signs in', () => {
  it('shows her the request dialog without her opening the DM, and the session goes private', async () => {
    const server = await started();
    const peer = tracked(await person(server.url, 'user-1'));
    const dm = peer.rc.rooms().find((r) => r.type === 'd' && r.name === 'alice');
    if (!dm) throw new Error('user-1 has no DM with alice');

    const held = server.faults.holdSubscription('stream-room-messages', '__my_messages__');
    const signingIn = person(server.url, 'alice');
    await held.arrived;
    expect((await peer.handlers['otr.start'](dm.id)).ok).toBe(true);
    await until(() => server.records.messages().some((m) => m.rid === dm.id && m.msg.startsWith('?OTR')), 'the request to be stored');
    held.release();
    const alice = tracked(await signingIn);

    await until(() => phaseOf(alice, dm.id) === 'incoming', 'the request to reach alice', 20_000);
    expect((await alice.handlers['otr.accept'](dm.id)).ok).toBe(true);
    await until(() => phaseOf(alice, dm.id) === 'private' && phaseOf(peer, dm.id) === 'private', 'both private', 20_000);
    const ids = alice.delivered.filter((d) => d.roomId === dm.id).map((d) => d.message.id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
