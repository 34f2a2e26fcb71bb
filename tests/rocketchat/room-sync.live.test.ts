// A room the user comes back to is brought up to date with one `messages/get` (lastUpdate): deletions (one, bulk)
// and edits made while it was not watched, against the local server.
import { describe, expect, it } from 'vitest';
import { loggedIn } from '../server/ddp-client.js';
import { countingSockets, liveScope } from './live-helpers.js';

const live = liveScope();

describe('room changes on reopen', () => {
  it('what was deleted (one, bulk) and edited while the room was not watched comes with one call, once', async () => {
    const server = await live.start();
    const sockets = countingSockets();
    const alice = await live.signedIn(server, 'alice', { openSocket: sockets.factory });
    const rooms = alice.client.rooms();
    const general = rooms.find((r) => r.name === 'general')?.id ?? '';
    const other = rooms.find((r) => r.id !== general)?.id ?? '';
    const [kept, gone, pruned1, pruned2] = ['kept', 'gone', 'old 1', 'old 2'].map((msg) => server.admin.post('bob', 'general', msg));
    await alice.client.focusRoom(general);
    expect(await alice.client.roomChanges(general)).toBeNull();

    await alice.client.focusRoom(other);
    const bob = await loggedIn(server.url, 'bob');
    await bob.ok('deleteMessage', { _id: gone });
    server.admin.pruneMessages('general', [pruned1 ?? '', pruned2 ?? '']);
    await bob.ok('updateMessage', { _id: kept, msg: 'kept, edited' });
    bob.close();

    await alice.client.focusRoom(general);
    const changes = await alice.client.roomChanges(general);
    expect(changes).not.toBe('unsupported');
    if (!changes || changes === 'unsupported') return;
    expect([...changes.deleted].sort()).toEqual([gone, pruned1, pruned2].sort());
    expect(changes.updated.find((m) => m.id === kept)).toMatchObject({ text: 'kept, edited', editedAt: expect.any(Number) });
    // Once per reopen: asking again without leaving the room has nothing to fetch.
    expect(await alice.client.roomChanges(general)).toBeNull();
    const calls = sockets.sockets.flatMap((s) => s.sent).filter((f) => f.msg === 'method' && f.method === 'messages/get');
    expect(calls).toHaveLength(1);
  });

  it('a server without messages/get says so (the chat service then re-reads the newest page)', async () => {
    const server = await live.start();
    const alice = await live.signedIn(server, 'alice');
    const [general = '', other = ''] = alice.client.rooms().map((r) => r.id);
    await alice.client.focusRoom(general);
    await alice.client.focusRoom(other);
    server.faults.withoutMethod('messages/get');
    await alice.client.focusRoom(general);
    expect(await alice.client.roomChanges(general)).toBe('unsupported');
  });
});
