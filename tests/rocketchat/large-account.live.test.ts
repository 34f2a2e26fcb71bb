// An account in 150 rooms against the local server with Rocket.Chat's default limits on: the client must never
// lose a message to a refusal. The two minutes offline are compressed: the network is cut while 600 messages are
// stored (through the server's admin side, as other users' clients would have sent them), then restored.
import { describe, expect, it } from 'vitest';
import type { LocalServer } from '../../server/index.js';
import type { Room } from '../../src/contract/model.js';
import { cuttableSockets, liveScope, until } from './live-helpers.js';

const live = liveScope();

/** 100 channels (#general + 99) and 50 DMs with user-1 … user-50. */
const SEED_ROOMS = 99;
const OTR_PEERS = 10;
const PLAIN_PEERS = 8;
const CHANNELS = 42;
const PER_ROOM = 10;

interface Posted {
  room: Room;
  ids: string[];
}

/** 10 messages in each of 60 rooms from 20 users, round by round (so rooms interleave as in real traffic). */
function postWhileAway(server: LocalServer, otr: Room[], plain: Room[], channels: Room[]): Posted[] {
  const posted: Posted[] = [...otr, ...plain, ...channels].map((room) => ({ room, ids: [] }));
  for (let round = 0; round < PER_ROOM; round++) {
    posted.forEach(({ room, ids }, index) => {
      const sender = room.type === 'd' ? room.peer?.username ?? '' : index % 2 === 0 ? 'bob' : 'carol';
      const text = room.type === 'd' && otr.includes(room) ? `?OTR:AAMD${round}${'A'.repeat(40)}.` : `round ${round}`;
      ids.push(server.admin.post(sender, room.id, text));
    });
  }
  return posted;
}

describe('a 150-room account with the default rate limits on', () => {
  it('after 600 messages in 60 rooms while offline: OTR DMs caught up at once, other rooms when opened, each message once, no refusal', async () => {
    const server = await live.start({ seedRooms: SEED_ROOMS });
    const net = cuttableSockets();
    const alice = await live.signedIn(server, 'alice', { openSocket: net.factory });
    const rooms = alice.client.rooms();
    expect(rooms.filter((r) => r.type === 'c')).toHaveLength(100);
    expect(rooms.filter((r) => r.type === 'd')).toHaveLength(50);
    const dmWith = (n: number): Room => {
      const room = rooms.find((r) => r.type === 'd' && r.name === `user-${n}`);
      if (!room) throw new Error(`no DM with user-${n}`);
      return room;
    };
    const otr = Array.from({ length: OTR_PEERS }, (_, i) => dmWith(i + 1));
    const plain = Array.from({ length: PLAIN_PEERS }, (_, i) => dmWith(OTR_PEERS + i + 1));
    const channels = Array.from({ length: CHANNELS }, (_, i) => rooms.find((r) => r.name === `room-${i + 1}`)).filter((r) => r !== undefined);
    for (const room of otr) alice.client.watchOtr(room.id, true);

    net.cut();
    await until(() => alice.client.state().kind === 'reconnecting', 'alice to notice the cut');
    const posted = postWhileAway(server, otr, plain, channels);
    expect(posted.flatMap((p) => p.ids)).toHaveLength(600);
    net.restore();
    alice.client.reconnectNow();
    const delivered = (roomId: string) => alice.messages.filter((m) => m.roomId === roomId).map((m) => m.id);
    await until(() => otr.every((room) => delivered(room.id).length >= PER_ROOM), 'the OTR DMs to be caught up', 10_000);

    // The OTR DMs at once, exactly once, in order; nothing of the other rooms yet, whose unread counts came with
    // the subscription sync.
    for (const { room, ids } of posted.slice(0, OTR_PEERS)) expect(delivered(room.id)).toEqual(ids);
    for (const { room } of posted.slice(OTR_PEERS)) expect(delivered(room.id)).toEqual([]);
    for (const room of plain) expect(alice.client.rooms().find((r) => r.id === room.id)?.unread).toBe(PER_ROOM);

    // Opening each other room delivers what it missed, exactly once, in order.
    for (const { room, ids } of posted.slice(OTR_PEERS)) {
      await alice.client.focusRoom(room.id);
      expect(delivered(room.id)).toEqual(ids);
    }
    const all = alice.messages.map((m) => m.id);
    expect(new Set(all).size).toBe(all.length);
    expect(all).toHaveLength(600);
    const refusals = net.received().filter((f) => f.error?.error === 'too-many-requests');
    expect(refusals).toEqual([]);
    expect(alice.client.callStats().refused).toBe(0);
  }, 120_000);

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
