import { describe, expect, it } from 'vitest';

import { useDemoServer } from './server-scope.js';

const scope = useDemoServer({}, (server) => {
  for (const username of ['erin', 'frank', 'grace']) server.createUser({ username, password: 'demo', name: username.toUpperCase() });
});
const login = (username: string) => scope.login(username);

describe('rooms and subscriptions', () => {
  it('lists the rooms and subscriptions of the user', async () => {
    const alice = await login('alice');
    const rooms = await alice.ok('rooms/get');
    expect(rooms).toEqual([expect.objectContaining({ t: 'c', name: 'general', _updatedAt: expect.any(Date) })]);
    const subs = await alice.ok('subscriptions/get');
    expect(subs).toEqual([expect.objectContaining({
      rid: rooms[0]._id, t: 'c', name: 'general', unread: 0, alert: false, open: true, ls: expect.any(Date),
      u: expect.objectContaining({ username: 'alice' }),
    })]);
  });

  it('with a since date answers {update, remove} holding only later changes', async () => {
    const erin = await login('erin');
    const before = new Date();
    expect(await erin.ok('subscriptions/get', before)).toEqual({ update: [], remove: [] });
    await erin.ok('createDirectMessage', 'frank');
    const changed = await erin.ok('subscriptions/get', before);
    expect(changed.update.map((s: { name: string }) => s.name)).toEqual(['frank']);
    expect(changed.remove).toEqual([]);
    const rooms = await erin.ok('rooms/get', before);
    expect(rooms.update).toEqual([expect.objectContaining({ t: 'd', usernames: ['erin', 'frank'] })]);
  });

  it('createDirectMessage is idempotent and tells both users about a new DM', async () => {
    const grace = await login('grace');
    const bob = await login('bob');
    await bob.stream('stream-notify-user', `${bob.uid}/rooms-changed`);
    await bob.stream('stream-notify-user', `${bob.uid}/subscriptions-changed`);
    await grace.stream('stream-notify-user', `${grace.uid}/subscriptions-changed`);
    const from = bob.mark();
    const first = await grace.ok('createDirectMessage', 'bob');
    expect(first).toMatchObject({ t: 'd', rid: first._id, uids: [grace.uid, bob.uid].sort() });
    const [action, room] = await bob.waitForEvent('stream-notify-user', `${bob.uid}/rooms-changed`, from);
    expect([action, room._id]).toEqual(['inserted', first.rid]);
    const [subAction, sub] = await bob.waitForEvent('stream-notify-user', `${bob.uid}/subscriptions-changed`, from);
    expect([subAction, sub.rid, sub.name]).toEqual(['inserted', first.rid, 'grace']);
    expect((await grace.waitForEvent('stream-notify-user', `${grace.uid}/subscriptions-changed`))[1].name).toBe('bob');
    const second = await grace.ok('createDirectMessage', 'bob');
    const fromBob = await bob.ok('createDirectMessage', 'grace');
    expect([second.rid, fromBob.rid]).toEqual([first.rid, first.rid]);
    await bob.barrier();
    expect(bob.events('stream-notify-user', `${bob.uid}/rooms-changed`, from)).toHaveLength(1);
  });

  it('createDirectMessage with an unknown username answers error-invalid-user', async () => {
    const alice = await login('alice');
    expect((await alice.call('createDirectMessage', 'ghost')).error).toMatchObject({ error: 'error-invalid-user', reason: 'Invalid user' });
  });

  it('readMessages clears unread and alert, and refuses rooms without a subscription', async () => {
    const alice = await login('alice');
    const carol = await login('carol');
    const { rid } = await alice.ok('createDirectMessage', 'carol');
    await alice.ok('sendMessage', { rid, msg: 'one' });
    await alice.ok('sendMessage', { rid, msg: 'two' });
    const unread = (await carol.ok('subscriptions/get')).find((s: { rid: string }) => s.rid === rid);
    expect(unread).toMatchObject({ unread: 2, alert: true });
    await carol.stream('stream-notify-user', `${carol.uid}/subscriptions-changed`);
    const from = carol.mark();
    await carol.ok('readMessages', rid);
    const [action, sub] = await carol.waitForEvent('stream-notify-user', `${carol.uid}/subscriptions-changed`, from);
    expect(action).toBe('updated');
    expect(sub).toMatchObject({ rid, unread: 0, alert: false });
    expect(sub.ls.getTime()).toBeGreaterThan(unread.ls.getTime());
    const bob = await login('bob');
    expect((await bob.call('readMessages', rid)).error).toMatchObject({ error: 'error-invalid-subscription' });
  });

  it('getUsersOfRoom lists members, online only unless showAll', async () => {
    const alice = await login('alice');
    const general = (await alice.ok('rooms/get')).find((r: { name?: string }) => r.name === 'general');
    const all = await alice.ok('getUsersOfRoom', general._id, true, { limit: 10, skip: 0 });
    expect(all.total).toBe(3);
    expect(all.records.map((u: { username: string }) => u.username)).toEqual(['alice', 'bob', 'carol']);
    const online = await alice.ok('getUsersOfRoom', general._id, false, { limit: 10, skip: 0 });
    expect(online.records.every((u: { status: string }) => u.status !== 'offline')).toBe(true);
    expect(online.records.map((u: { username: string }) => u.username)).toContain('alice');
    const erin = await login('erin');
    const { rid } = await alice.ok('createDirectMessage', 'bob');
    expect((await erin.call('getUsersOfRoom', rid, true)).error).toMatchObject({ error: 'error-not-allowed' });
  });

  it('spotlight finds users (minus the excluded ones) and channels', async () => {
    const alice = await login('alice');
    const found = await alice.ok('spotlight', 'car', ['alice'], { users: true, rooms: true });
    expect(found.users.map((u: { username: string }) => u.username)).toEqual(['carol']);
    expect(found.users[0]).toEqual(expect.objectContaining({ _id: expect.any(String), name: 'Carol', status: expect.any(String) }));
    expect(found.rooms).toEqual([]);
    const channels = await alice.ok('spotlight', 'gen', ['alice'], { users: true, rooms: true });
    expect(channels.rooms).toEqual([expect.objectContaining({ name: 'general', t: 'c', _id: expect.any(String) })]);
    const onlyUsers = await alice.ok('spotlight', '@r', ['alice'], { users: true, rooms: true });
    expect(onlyUsers.rooms).toEqual([]);
    expect(onlyUsers.users.map((u: { username: string }) => u.username)).toContain('carol');
  });
});
