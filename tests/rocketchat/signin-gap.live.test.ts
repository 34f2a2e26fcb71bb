// Issue 14: no DM message is lost in the window between signing in (or reconnecting) and the `__my_messages__`
// subscription being ready. The local server holds that subscription (faults.holdSubscription), so the messages
// land inside the window every run; the server's default rate limits are on.
import { describe, expect, it } from 'vitest';
import { cuttableSockets, liveScope, signIn, until } from './live-helpers.js';

const live = liveScope();
const MY_MESSAGES = ['stream-room-messages', '__my_messages__'] as const;

describe('messages that land before the streams are ready', () => {
  it('at sign-in: a DM message sent meanwhile is delivered at once, once, without opening the DM; history is not replayed; a channel waits until opened', async () => {
    const server = await live.start({ seedRooms: 2 });
    const dm = server.admin.directRoom('alice', 'user-1');
    const history = server.admin.post('user-1', dm, 'before alice signed in');
    const alice = live.tracked();
    const held = server.faults.holdSubscription(...MY_MESSAGES);
    const signedIn = signIn(alice.client, server, 'alice');
    await held.arrived;
    const missed = server.admin.post('user-1', dm, '?OTRv3?');
    const inChannel = server.admin.post('bob', 'room-1', 'in a channel meanwhile');
    held.release();
    await signedIn;

    // A message after `ready` arrives live; the DM's missed one comes first, in the order they were sent.
    const after = server.admin.post('user-1', dm, 'after the streams were ready');
    await until(() => alice.messages.some((m) => m.id === after), 'the live message');
    expect(alice.messages.filter((m) => m.roomId === dm).map((m) => m.id)).toEqual([missed, after]);
    expect(alice.messages.map((m) => m.id)).not.toContain(history);
    expect(alice.messages.map((m) => m.id)).not.toContain(inChannel);

    const channel = alice.client.rooms().find((r) => r.name === 'room-1')?.id ?? '';
    await alice.client.focusRoom(channel);
    expect(alice.messages.filter((m) => m.id === inChannel)).toHaveLength(1);
    expect(alice.client.callStats().refused).toBe(0);
  });

  it('at reconnect: a DM without OTR state that missed messages is caught up at once, without opening it, each message once', async () => {
    const server = await live.start({ seedRooms: 2 });
    const net = cuttableSockets();
    const alice = await live.signedIn(server, 'alice', { openSocket: net.factory });
    const dm = server.admin.directRoom('alice', 'user-1');
    const before = server.admin.post('user-1', dm, 'before the cut');
    await until(() => alice.messages.some((m) => m.id === before), 'the message before the cut');
    net.cut();
    await until(() => alice.client.state().kind === 'reconnecting', 'alice to notice the cut');
    const away = server.admin.post('user-1', dm, 'while alice was away');
    const held = server.faults.holdSubscription(...MY_MESSAGES);
    net.restore();
    alice.client.reconnectNow();
    await held.arrived;
    const inWindow = server.admin.post('user-1', dm, '?OTRv3?');
    held.release();
    await until(() => alice.client.state().kind === 'online', 'alice back online');

    const after = server.admin.post('user-1', dm, 'after the reconnect');
    await until(() => alice.messages.some((m) => m.id === after), 'the live message');
    expect(alice.messages.filter((m) => m.roomId === dm).map((m) => m.id)).toEqual([before, away, inWindow, after]);
    expect(alice.client.callStats().refused).toBe(0);
  });
});
