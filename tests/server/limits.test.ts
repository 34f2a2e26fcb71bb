// The local server's limits and refusals, as Rocket.Chat ships them (rate limiter on by default).
import { describe, expect, it } from 'vitest';

import { startServer } from '../../server/index.js';
import { digest, loggedIn, TestDdp } from './ddp-client.js';
import { useDemoServer } from './server-scope.js';

const scope = useDemoServer({ seedRooms: 60 });
const login = (username: string) => scope.login(username);
const TOO_MANY = /^Error, too many requests\. Please slow down\. You must wait \d+ seconds before trying again\.$/;

describe('DDP rate limiter (Rocket.Chat defaults)', () => {
  it('allows 10 calls of a method per 10 s per connection, then refuses with timeToReset; another method is not affected', async () => {
    const carol = await login('carol');
    const outcomes = [];
    for (let i = 0; i < 11; i += 1) outcomes.push(await carol.call('getUsersOfRoom', 'GENERAL-does-not-exist', true));
    expect(outcomes.slice(0, 10).every((o) => o.error?.error !== 'too-many-requests')).toBe(true);
    expect(outcomes[10]?.error).toMatchObject({ error: 'too-many-requests', reason: expect.stringMatching(TOO_MANY) });
    expect(outcomes[10]?.error.details.timeToReset).toBeGreaterThan(0);
    expect(outcomes[10]?.error.details.timeToReset).toBeLessThanOrEqual(10_000);
    expect((await carol.call('subscriptions/get')).error).toBeUndefined();
  });

  it('limits subscriptions too: the 41st stream-room-messages sub of a connection in 40 s gets nosub too-many-requests', async () => {
    const alice = await login('alice');
    const rooms: { rid: string }[] = await alice.ok('subscriptions/get');
    expect(rooms.length).toBeGreaterThanOrEqual(41);
    const answers = [];
    for (const { rid } of rooms.slice(0, 41)) answers.push(await alice.sub('stream-room-messages', rid, { useCollection: false, args: [] }));
    expect(answers.slice(0, 40).every((f) => f.msg === 'ready')).toBe(true);
    expect(answers[40]).toMatchObject({ msg: 'nosub', error: { error: 'too-many-requests', reason: expect.stringMatching(TOO_MANY) } });
    expect(answers[40]?.error.details.timeToReset).toBeLessThanOrEqual(40_000);
  });

  it('counts per user across connections: 20 calls of a method per 10 s', async () => {
    const first = await login('bob');
    const second = await login('bob');
    for (let i = 0; i < 10; i += 1) expect((await first.call('rooms/get')).error).toBeUndefined();
    for (let i = 0; i < 10; i += 1) expect((await second.call('rooms/get')).error).toBeUndefined();
    const third = await login('bob');
    expect((await third.call('rooms/get')).error).toMatchObject({ error: 'too-many-requests' });
  });

  it('is off with rateLimits.enabled = false (--no-rate-limits)', async () => {
    const server = await startServer({ seed: 'demo', rateLimits: { enabled: false } });
    try {
      const alice = scope.track(await loggedIn(server.url, 'alice'));
      for (let i = 0; i < 25; i += 1) expect((await alice.call('rooms/get')).error).toBeUndefined();
    } finally {
      await server.close();
    }
  });
});

describe('sendMessage refusals as 8.x answers them', () => {
  it('a read-only room: empty answer, nothing stored, the reason on <uid>/message', async () => {
    const user = await login('user-1');
    const rid = scope.server.admin.directRoom('user-1', 'bob');
    scope.server.admin.setReadOnly(rid, true);
    await user.stream('stream-notify-user', `${user.uid}/message`);
    const outcome = await user.call('sendMessage', { _id: 'readOnlyRefused01', rid, msg: 'hi' });
    expect(outcome).toEqual({ result: undefined });
    const [notice] = await user.waitForEvent('stream-notify-user', `${user.uid}/message`);
    expect(notice).toMatchObject({ rid, private: true, u: { username: 'rocket.cat' }, msg: "You can't send messages because the room is readonly." });
    expect(scope.server.records.messages().some((m) => m._id === 'readOnlyRefused01')).toBe(false);
  });

  it('a muted user and an unknown room are told too; a ts 2 minutes off vanishes without a word', async () => {
    const user = await login('user-2');
    const rid = scope.server.admin.directRoom('user-2', 'carol');
    await user.stream('stream-notify-user', `${user.uid}/message`);
    const from = user.mark();
    expect(await user.call('sendMessage', { rid, msg: 'late', ts: new Date(Date.now() - 120_000) })).toEqual({ result: undefined });
    scope.server.admin.mute('user-2', rid);
    await user.call('sendMessage', { rid, msg: 'muted' });
    await user.call('sendMessage', { rid: 'noSuchRoom', msg: 'lost' });
    await user.barrier();
    const notices = user.events('stream-notify-user', `${user.uid}/message`, from).map(([n]) => n.msg);
    expect(notices).toEqual(['You have been muted and cannot speak in this room', 'Invalid room']);
    expect(scope.server.records.messages().filter((m) => m.rid === rid)).toEqual([]);
  });
});

describe('removals', () => {
  it('leaving a channel sends removed {_id, u, rid} and {_id}, and subscriptions/get lists it in remove', async () => {
    const carol = await login('carol');
    const since = new Date();
    await carol.stream('stream-notify-user', `${carol.uid}/subscriptions-changed`);
    await carol.stream('stream-notify-user', `${carol.uid}/rooms-changed`);
    const subs: { _id: string; rid: string; name: string }[] = await carol.ok('subscriptions/get');
    const sub = subs.find((s) => s.name === 'room-3');
    if (!sub) throw new Error('seeded room missing');
    expect(await carol.ok('leaveRoom', sub.rid)).toBe(true);
    expect(await carol.waitForEvent('stream-notify-user', `${carol.uid}/subscriptions-changed`))
      .toEqual(['removed', { _id: sub._id, u: { _id: carol.uid, username: 'carol' }, rid: sub.rid }]);
    expect(await carol.waitForEvent('stream-notify-user', `${carol.uid}/rooms-changed`)).toEqual(['removed', { _id: sub.rid }]);
    const delta = await carol.ok('subscriptions/get', since);
    expect(delta.remove).toEqual([{ _id: sub._id, _deletedAt: expect.any(Date) }]);
    const dm = scope.server.admin.directRoom('carol', 'bob');
    expect((await carol.call('leaveRoom', dm)).error).toMatchObject({ error: 'error-not-allowed' });
  });

  it('an admin deleting a DM tells both members', async () => {
    const bob = await login('bob');
    const rid = scope.server.admin.directRoom('bob', 'user-5');
    await bob.stream('stream-notify-user', `${bob.uid}/rooms-changed`);
    scope.server.admin.deleteRoom(rid);
    expect(await bob.waitForEvent('stream-notify-user', `${bob.uid}/rooms-changed`)).toEqual(['removed', { _id: rid }]);
  });
});

describe('the signed-in user and sign-in limits', () => {
  it('publishes the own record in collection users: added at login, changed with the status and the name', async () => {
    const client = await TestDdp.open(scope.server.url);
    scope.track(Object.assign(client, { uid: '' }));
    const { id } = await client.login('user-3', 'demo');
    expect(client.frames.find((f) => f.msg === 'added' && f.collection === 'users'))
      .toMatchObject({ id, fields: { username: 'user-3', name: 'User 3' } });
    const from = client.mark();
    await client.ok('UserPresence:setDefaultStatus', 'busy');
    await client.waitFor((f) => f.msg === 'changed' && f.collection === 'users' && f.id === id && f.fields.status === 'busy', from);
    // A rename reaches the user's own connections as a change of the same record, as real servers publish it.
    const renamed = client.mark();
    scope.server.admin.setName('user-3', 'Gebruiker Drie');
    await client.waitFor((f) => f.msg === 'changed' && f.collection === 'users' && f.id === id && f.fields.name === 'Gebruiker Drie', renamed);
  });

  it('blocks a user after 10 failed logins with error-login-blocked-for-user', async () => {
    const client = await TestDdp.open(scope.server.url);
    scope.track(Object.assign(client, { uid: '' }));
    const wrong = { user: { username: 'user-4' }, password: { digest: digest('nope'), algorithm: 'sha-256' } };
    for (let i = 0; i < 10; i += 1) expect((await client.call('login', wrong)).error).toMatchObject({ error: 401 });
    // A fresh connection: this one has used its 10 logins per 10 s.
    const next = await TestDdp.open(scope.server.url);
    scope.track(Object.assign(next, { uid: '' }));
    const right = { user: { username: 'user-4' }, password: { digest: digest('demo'), algorithm: 'sha-256' } };
    expect((await next.call('login', right)).error).toMatchObject({ error: 'error-login-blocked-for-user' });
  });

  it('REST answers 429 past 10 calls a minute per route, with X-RateLimit-* headers', async () => {
    const answers = [];
    for (let i = 0; i < 11; i += 1) answers.push(await fetch(`${scope.server.url}/api/v1/settings.public`));
    expect(answers[0]?.headers.get('x-ratelimit-limit')).toBe('10');
    expect(answers[9]?.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(answers[10]?.status).toBe(429);
    expect(Number(answers[10]?.headers.get('x-ratelimit-reset'))).toBeGreaterThan(Date.now());
    expect(await answers[10]?.json()).toMatchObject({ success: false, error: expect.stringMatching(/too many requests/) });
  });
});

describe('seeding a large account', () => {
  it('--rooms N: alice is in general + N channels + N/2 DMs', async () => {
    const alice = await login('alice');
    const subs: { t: string }[] = await alice.ok('subscriptions/get');
    expect(subs.filter((s) => s.t === 'c')).toHaveLength(61);
    expect(subs.filter((s) => s.t === 'd').length).toBeGreaterThanOrEqual(30);
  });
});
