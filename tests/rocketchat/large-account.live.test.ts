// Rooms leaving the list, server reasons and resends against the local server with Rocket.Chat's default limits
// on. The 150-room account with two minutes offline is tests/integration/large-account.test.ts.
import { describe, expect, it } from 'vitest';
import { cuttableSockets, liveScope, until } from './live-helpers.js';

const live = liveScope();

describe('a large account with the default rate limits on', () => {
  it('a room that leaves the list on the server leaves it at once: left, removed by an admin, DM deleted', async () => {
    const server = await live.start({ seedRooms: 4 });
    const alice = await live.signedIn(server, 'alice');
    const named = (name: string) => alice.client.rooms().find((r) => r.name === name);
    server.admin.removeFromRoom('alice', 'room-1');
    await until(() => named('room-1') === undefined, 'the removed channel to leave the list');
    const dm = named('user-1');
    expect(dm).toBeDefined();
    server.admin.deleteRoom(dm?.id ?? '');
    await until(() => named('user-1') === undefined, 'the deleted DM to leave the list');
    expect(named('room-2')).toBeDefined();
  });

  it("a send to a read-only room fails with the server's reason; a resend after a dropped socket is confirmed", async () => {
    const server = await live.start({ seedRooms: 2 });
    const net = cuttableSockets();
    const alice = await live.signedIn(server, 'alice', { openSocket: net.factory });
    const channel = alice.client.rooms().find((r) => r.name === 'room-1');
    if (!channel) throw new Error('no room-1');
    server.admin.setReadOnly(channel.id, true);
    const refused = await alice.client.send(channel.id, 'to a read-only room').confirmed.catch((e: { info: unknown }) => e.info);
    expect(refused).toEqual({ code: 'room-read-only', detail: "You can't send messages because the room is readonly." });

    // The server stores the send, but the socket drops before its answer: the repeat is answered with nothing.
    const dm = alice.client.rooms().find((r) => r.name === 'user-1');
    if (!dm) throw new Error('no DM');
    server.faults.pause();
    const handle = alice.client.send(dm.id, 'stored, answer lost');
    await new Promise((resolve) => setTimeout(resolve, 100));
    server.faults.resume();
    net.cut();
    net.restore();
    const confirmed = await handle.confirmed;
    expect(confirmed.id).toBe(handle.id);
    expect(server.records.messages().filter((m) => m._id === handle.id)).toHaveLength(1);
    const repeats = net.sent().filter((f) => f.msg === 'method' && f.method === 'sendMessage' && f.params[0]._id === handle.id);
    expect(repeats).toHaveLength(2);
  });

  it('opening a room that missed messages while offline costs one loadHistory: its catch-up read the page the room shows', async () => {
    const server = await live.start({ seedRooms: 2 });
    const net = cuttableSockets();
    const alice = await live.signedIn(server, 'alice', { openSocket: net.factory });
    const channel = alice.client.rooms().find((r) => r.name === 'room-1');
    if (!channel) throw new Error('no room-1');
    const older = Array.from({ length: 3 }, (_, i) => server.admin.post('bob', channel.id, `before ${i}`));
    await until(() => alice.messages.length === older.length, 'the live messages');
    net.cut();
    await until(() => alice.client.state().kind === 'reconnecting', 'alice to notice the cut');
    const missed = Array.from({ length: 3 }, (_, i) => server.admin.post('carol', channel.id, `while away ${i}`));
    net.restore();
    alice.client.reconnectNow();
    await until(() => alice.client.state().kind === 'online', 'alice back online');
    const sentBefore = net.sent().length;

    await alice.client.focusRoom(channel.id);
    const page = await alice.client.history(channel.id, { limit: 50 });
    const loads = net.sent().slice(sentBefore).filter((f) => f.msg === 'method' && f.method === 'loadHistory');
    expect(loads).toHaveLength(1);
    expect(alice.messages.filter((m) => m.roomId === channel.id).map((m) => m.id)).toEqual([...older, ...missed]);
    expect(page.messages.map((m) => m.id).slice(-6)).toEqual([...older, ...missed]);
    expect(page.hasMore).toBe(false);
    // Later pages are asked of the server again.
    await alice.client.history(channel.id, { limit: 50 });
    expect(net.sent().slice(sentBefore).filter((f) => f.msg === 'method' && f.method === 'loadHistory')).toHaveLength(2);
  });
});
