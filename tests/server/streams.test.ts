import { describe, expect, it } from 'vitest';

import { useDemoServer } from './server-scope.js';

const scope = useDemoServer();
const login = (username: string) => scope.login(username);

describe('stream-room-messages', () => {
  it('delivers a new DM message to both members (the sender too) and never to outsiders', async () => {
    const alice = await login('alice');
    const bob = await login('bob');
    const carol = await login('carol');
    const { rid } = await alice.ok('createDirectMessage', 'bob');
    await alice.stream('stream-room-messages', rid);
    await bob.stream('stream-room-messages', rid);
    await bob.stream('stream-room-messages', '__my_messages__');
    await carol.stream('stream-room-messages', '__my_messages__');
    const refused = await carol.sub('stream-room-messages', rid, { useCollection: false, args: [] });
    expect(refused).toMatchObject({ msg: 'nosub', error: { error: 'not-allowed' } });

    const sent = await alice.ok('sendMessage', { rid, msg: 'for bob only' });
    const [toBob] = await bob.waitForEvent('stream-room-messages', rid);
    const [toAlice] = await alice.waitForEvent('stream-room-messages', rid);
    expect(toBob).toEqual(sent);
    expect(toAlice).toEqual(sent);
    const [mine, extra] = await bob.waitForEvent('stream-room-messages', '__my_messages__');
    expect(mine._id).toBe(sent._id);
    expect(extra).toMatchObject({ roomParticipant: true, roomType: 'd' });
    await carol.barrier();
    // Her own record (collection `users`) may change; no stream event of the DM reaches her.
    expect(carol.frames.filter((f) => f.msg === 'changed' && f.collection !== 'users')).toEqual([]);
  });

  it('updates the other member: unread+1, alert, subscriptions-changed and a notification', async () => {
    const alice = await login('alice');
    const bob = await login('bob');
    const { rid } = await alice.ok('createDirectMessage', 'bob');
    await bob.ok('readMessages', rid);
    await bob.stream('stream-notify-user', `${bob.uid}/subscriptions-changed`);
    await bob.stream('stream-notify-user', `${bob.uid}/notification`);
    await alice.stream('stream-notify-user', `${alice.uid}/notification`);
    const from = bob.mark();
    const sent = await alice.ok('sendMessage', { rid, msg: 'ping bob' });
    const [action, sub] = await bob.waitForEvent('stream-notify-user', `${bob.uid}/subscriptions-changed`, from);
    expect(action).toBe('updated');
    expect(sub).toMatchObject({ rid, unread: 1, alert: true });
    const [notification] = await bob.waitForEvent('stream-notify-user', `${bob.uid}/notification`, from);
    expect(notification).toMatchObject({
      title: 'alice', text: 'ping bob',
      payload: { _id: sent._id, rid, type: 'd', sender: { _id: alice.uid, username: 'alice' }, message: { msg: 'ping bob' } },
    });
    await alice.barrier();
    expect(alice.events('stream-notify-user', `${alice.uid}/notification`)).toEqual([]);
  });

  it('refuses another user\'s notify-user events with nosub', async () => {
    const alice = await login('alice');
    const bob = await login('bob');
    const refused = await alice.sub('stream-notify-user', `${bob.uid}/notification`, { useCollection: false, args: [] });
    expect(refused).toEqual({ msg: 'nosub', id: refused.id, error: {
      isClientSafe: true, error: 'not-allowed', message: '[not-allowed]', errorType: 'Meteor.Error',
    } });
  });

  it('stops streams with nosub when the connection logs out, and unsub answers nosub', async () => {
    const alice = await login('alice');
    const subId = await alice.stream('stream-notify-user', `${alice.uid}/notification`);
    const other = await alice.stream('stream-notify-logged', 'user-status');
    let from = alice.mark();
    alice.send({ msg: 'unsub', id: other });
    await alice.waitFor((f) => f.msg === 'nosub' && f.id === other, from);
    from = alice.mark();
    await alice.ok('logout');
    await alice.waitFor((f) => f.msg === 'nosub' && f.id === subId, from);
  });

  it('answers an unknown publication with nosub 404', async () => {
    const alice = await login('alice');
    const refused = await alice.sub('meteor_autoupdate_clientVersions');
    expect(refused.error).toMatchObject({ error: 404, reason: "Subscription 'meteor_autoupdate_clientVersions' not found" });
  });
});

describe('stream-notify-room user-activity', () => {
  it('relays typing to the other members but not back to the writer, and ignores outsiders', async () => {
    const alice = await login('alice');
    const bob = await login('bob');
    const carol = await login('carol');
    const { rid } = await alice.ok('createDirectMessage', 'bob');
    const event = `${rid}/user-activity`;
    await alice.stream('stream-notify-room', event);
    await bob.stream('stream-notify-room', event);
    expect((await carol.sub('stream-notify-room', event, { useCollection: false, args: [] })).msg).toBe('nosub');

    await alice.ok('stream-notify-room', event, 'alice', ['user-typing'], {});
    expect(await bob.waitForEvent('stream-notify-room', event)).toEqual(['alice', ['user-typing'], {}]);
    await carol.ok('stream-notify-room', event, 'carol', ['user-typing'], {});
    await bob.ok('stream-notify-room', event, 'alice', ['user-typing'], {});
    await alice.barrier();
    await bob.barrier();
    expect(alice.events('stream-notify-room', event)).toEqual([]);
    expect(bob.events('stream-notify-room', event)).toHaveLength(1);
  });

  it('lets nobody write to stream-notify-user on 8.x', async () => {
    const alice = await login('alice');
    const bob = await login('bob');
    await bob.stream('stream-notify-user', `${bob.uid}/otr`);
    expect(await alice.call('stream-notify-user', `${bob.uid}/otr`, 'handshake', { roomId: 'x' })).toEqual({});
    await bob.barrier();
    expect(bob.events('stream-notify-user', `${bob.uid}/otr`)).toEqual([]);
  });
});

describe('presence', () => {
  it('announces online, away, busy and offline on user-status', async () => {
    const watcher = await login('carol');
    await watcher.stream('stream-notify-logged', 'user-status');
    const statusOf = (from: number) => watcher.waitForEvent('stream-notify-logged', 'user-status', from)
      .then(([[uid, username, code]]) => ({ uid, username, code }));
    let from = watcher.mark();
    scope.server.createUser({ username: 'hank', password: 'demo' });
    const bob = await login('hank');
    expect(await statusOf(from)).toEqual({ uid: bob.uid, username: 'hank', code: 1 });
    from = watcher.mark();
    expect(await bob.ok('UserPresence:away')).toBe(true);
    expect((await statusOf(from)).code).toBe(2);
    from = watcher.mark();
    await bob.ok('UserPresence:online');
    expect((await statusOf(from)).code).toBe(1);
    from = watcher.mark();
    await bob.ok('UserPresence:setDefaultStatus', 'busy');
    expect((await statusOf(from)).code).toBe(3);
    from = watcher.mark();
    bob.close();
    expect(await statusOf(from)).toEqual({ uid: bob.uid, username: 'hank', code: 0 });
    const again = await login('hank');
    expect((await again.ok('UserPresence:setDefaultStatus', 'online'))).toBe(true);
    expect((await again.call('UserPresence:setDefaultStatus', 'sleeping')).error).toMatchObject({ error: 400 });
  });
});
