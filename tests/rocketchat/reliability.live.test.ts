import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SendHandle } from '../../src/main/rocketchat/types.js';
import { codeOf, countingSockets, cuttableSockets, liveScope, until } from './live-helpers.js';

const live = liveScope();
const COUNT = 20;

describe('reliability against the local server', () => {
  it('messages sent while the server restarts twice arrive at bob exactly once and in order', async () => {
    const dir = await live.tempDir();
    // Real limits: one connection may send 10 messages per 10 s, so the burst is paced by the client's budget.
    const server = await live.start({ dataFile: join(dir, 'server.json') });
    const alice = await live.signedIn(server, 'alice');
    const bob = await live.signedIn(server, 'bob');
    const room = await alice.client.createDirect('bob');
    await until(() => bob.client.rooms().some((r) => r.id === room.id), 'bob to see the new DM');
    // Bob has the DM on screen, so what he misses while reconnecting is caught up at once; a room off screen
    // would catch up only when opened (see the large-account test).
    await bob.client.focusRoom(room.id);

    const restarts: Promise<void>[] = [];
    let confirmed = 0;
    const handles: SendHandle[] = [];
    for (let i = 0; i < COUNT; i++) {
      const handle = alice.client.send(room.id, `message ${String(i).padStart(3, '0')}`);
      handles.push(handle);
      void handle.confirmed.then(() => {
        confirmed++;
        if (confirmed === 6 || confirmed === 14) restarts.push(server.faults.restart());
      });
    }
    const results = await Promise.all(handles.map((h) => h.confirmed));
    await Promise.all(restarts);
    expect(restarts).toHaveLength(2);
    expect(results.map((m) => m.id)).toEqual(handles.map((h) => h.id));

    const received = () => bob.messages.filter((m) => m.roomId === room.id);
    await until(() => received().length >= COUNT, `bob to receive ${COUNT} messages`);
    expect(received().map((m) => m.id)).toEqual(handles.map((h) => h.id));
    expect(received().map((m) => m.text)).toEqual(handles.map((_, i) => `message ${String(i).padStart(3, '0')}`));
    const stored = server.records.messages().filter((m) => m.rid === room.id).map((m) => m._id);
    expect(stored).toEqual(handles.map((h) => h.id));
    expect(alice.states.filter((s) => s.kind === 'reconnecting').length).toBeGreaterThanOrEqual(2);
    expect(bob.states.filter((s) => s.kind === 'reconnecting').length).toBeGreaterThanOrEqual(2);
    expect(alice.client.state()).toEqual({ kind: 'online' });
    expect(bob.client.state()).toEqual({ kind: 'online' });
    expect(alice.client.callStats().refused).toBe(0);
  }, 60_000);

  it('messages sent while only bob was cut off reach him after he reconnects: once, in order, before newer ones', async () => {
    const server = await live.start();
    const alice = await live.signedIn(server, 'alice');
    const bobNet = cuttableSockets();
    const bob = await live.signedIn(server, 'bob', { openSocket: bobNet.factory });
    const room = await alice.client.createDirect('bob');
    await until(() => bob.client.rooms().some((r) => r.id === room.id), 'bob to see the new DM');
    const first = alice.client.send(room.id, 'before the cut');
    await until(() => bob.messages.some((m) => m.id === first.id), 'the first message');
    // The room is on bob's screen: it is caught up at the reconnect, not only when opened.
    await bob.client.focusRoom(room.id);

    bobNet.cut();
    await until(() => bob.client.state().kind === 'reconnecting', 'bob to notice the cut');
    // Alice's 30 messages go in through the server's admin side (bulk seeding bypasses the limiter).
    const missed = Array.from({ length: 30 }, (_, i) => ({ id: server.admin.post('alice', room.id, `while away ${i}`) }));
    bobNet.restore();
    bob.client.reconnectNow();
    await until(() => bob.client.state().kind === 'online', 'bob back online');
    const after = alice.client.send(room.id, 'after the return');
    await until(() => bob.messages.some((m) => m.id === after.id), 'the message after the return');

    expect(bob.messages.filter((m) => m.roomId === room.id).map((m) => m.id)).toEqual([first.id, ...missed.map((h) => h.id), after.id]);
    const streamedToBob = bobNet.received().filter((f) => f.msg === 'changed' && f.collection === 'stream-room-messages');
    expect([...new Set(streamedToBob.map((f) => f.fields.args[0]._id))]).toEqual([first.id, after.id]);
    expect(bob.client.callStats().refused).toBe(0);
  });

  it('paces a burst to the default limit of 5 messages a second: never refused, each message once, in order', async () => {
    const server = await live.start();
    const sockets = countingSockets();
    const alice = await live.signedIn(server, 'alice', { openSocket: sockets.factory });
    const room = await alice.client.createDirect('bob');
    const handles = Array.from({ length: 8 }, (_, i) => alice.client.send(room.id, `burst ${i}`));
    await Promise.all(handles.map((h) => h.confirmed));
    const limited = sockets.sockets.flatMap((s) => s.received).filter((f) => f.error?.error === 'too-many-requests');
    expect(limited).toEqual([]);
    const stored = server.records.messages().filter((m) => m.rid === room.id).map((m) => m.msg);
    expect(stored).toEqual(handles.map((_, i) => `burst ${i}`));
  });

  it('a socket dropped mid-call rejects the call with disconnected, and the client reconnects by itself', async () => {
    const server = await live.start();
    const alice = await live.signedIn(server, 'alice');
    const room = alice.client.rooms().find((r) => r.name === 'general')!;
    server.faults.pause();
    const pending = alice.client.history(room.id, { limit: 10 });
    await new Promise((resolve) => setTimeout(resolve, 50));
    server.faults.dropAllSockets();
    expect(await codeOf(pending)).toBe('disconnected');
    server.faults.resume();
    await until(() => alice.client.state().kind === 'online', 'alice back online');
    expect(alice.states.map((s) => s.kind)).toContain('reconnecting');
    const page = await alice.client.history(room.id, { limit: 10 });
    expect(page.hasMore).toBe(false);
  });

  it('after several reconnects every stream is subscribed once per socket and each event arrives once', async () => {
    const server = await live.start();
    const sockets = countingSockets();
    const alice = await live.signedIn(server, 'alice', { openSocket: sockets.factory });
    const bob = await live.signedIn(server, 'bob');
    const room = await bob.client.createDirect('alice');
    await until(() => alice.client.rooms().some((r) => r.id === room.id), 'alice to see the DM');
    // Per-room streams only for the room on screen (and OTR DMs in flight).
    await alice.client.focusRoom(room.id);
    const typing: string[][] = [];
    alice.client.onTyping((roomId, usernames) => {
      if (roomId === room.id) typing.push(usernames);
    });
    for (let i = 0; i < 3; i++) {
      const before = sockets.sockets.length;
      server.faults.dropAllSockets();
      await until(() => alice.client.state().kind === 'online' && sockets.sockets.length > before, `reconnect ${i + 1}`);
      await until(() => bob.client.state().kind === 'online', `bob reconnect ${i + 1}`);
    }
    const current = sockets.sockets[sockets.sockets.length - 1]!;
    const subs = current.sent.filter((f) => f.msg === 'sub').map((f) => `${f.name} ${f.params[0]}`);
    expect(new Set(subs).size).toBe(subs.length);
    expect(subs).toEqual(expect.arrayContaining([`stream-room-messages ${room.id}`, `stream-notify-room ${room.id}/user-activity`]));
    for (const socket of sockets.sockets) {
      const names = socket.sent.filter((f) => f.msg === 'sub').map((f) => `${f.name} ${f.params[0]}`);
      expect(new Set(names).size).toBe(names.length);
    }

    const messagesBefore = alice.messages.length;
    const sent = bob.client.send(room.id, 'once');
    await sent.confirmed;
    await bob.client.setTyping(room.id, true);
    await until(() => alice.messages.length > messagesBefore && typing.length > 0, 'alice to get the message and the typing event');
    await bob.client.setTyping(room.id, false);
    await until(() => typing.length > 1, 'typing to stop');
    // Once on the room's stream, once on __my_messages__: delivered once.
    const frames = current.received.filter((f) => f.msg === 'changed' && f.collection === 'stream-room-messages' && f.fields.args[0]._id === sent.id);
    expect(frames.map((f) => f.fields.eventName).sort()).toEqual([room.id, '__my_messages__'].sort());
    const activity = current.received.filter((f) => f.msg === 'changed' && f.fields.eventName === `${room.id}/user-activity`);
    expect(activity).toHaveLength(2);
    expect(typing).toEqual([['bob'], []]);
    expect(alice.messages.filter((m) => m.id === sent.id)).toHaveLength(1);
  });

  it('history pages go back to the first message with no gaps and no duplicates', async () => {
    const server = await live.start();
    const alice = await live.signedIn(server, 'alice');
    const room = await alice.client.createDirect('carol');
    // History seeded through the admin side (bypasses the limiter); paging is what is tested.
    const handles = Array.from({ length: 45 }, (_, i) => ({ id: server.admin.post('alice', room.id, `h${i}`) }));
    const pages: string[][] = [];
    let page = await alice.client.history(room.id, { limit: 7 });
    pages.push(page.messages.map((m) => m.id));
    while (page.next) {
      page = await alice.client.history(room.id, { before: page.next, limit: 7 });
      pages.push(page.messages.map((m) => m.id));
    }
    expect(page.hasMore).toBe(false);
    expect(pages.reverse().flat()).toEqual(handles.map((h) => h.id));
  });

  it('a frame that is not JSON is skipped: the client stays online and keeps receiving', async () => {
    const server = await live.start();
    const alice = await live.signedIn(server, 'alice');
    const bob = await live.signedIn(server, 'bob');
    const room = await bob.client.createDirect('alice');
    await until(() => alice.client.rooms().some((r) => r.id === room.id), 'alice to see the DM');
    server.faults.injectMalformedFrame();
    const sent = bob.client.send(room.id, 'after the bad frame');
    await sent.confirmed;
    await until(() => alice.messages.some((m) => m.id === sent.id), 'the message after the bad frame');
    expect(alice.client.state()).toEqual({ kind: 'online' });
    expect(alice.logger.lines.some((l) => l.includes('not JSON'))).toBe(true);
  });
});
