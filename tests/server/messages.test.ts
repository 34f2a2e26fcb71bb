import { describe, expect, it } from 'vitest';

import { startServer } from '../../server/index.js';
import { loggedIn } from './ddp-client.js';
import { useDemoServer } from './server-scope.js';

const scope = useDemoServer({ maxMessageSize: 100 });
const login = (username: string) => scope.login(username);

describe('sendMessage', () => {
  it('stores the message with the client _id and returns it; re-sending that _id answers nothing and stores nothing new', async () => {
    const alice = await login('alice');
    const { rid } = await alice.ok('createDirectMessage', 'bob');
    const sent = await alice.ok('sendMessage', { _id: 'clientChosenId001', rid, msg: 'hello' });
    expect(sent).toMatchObject({ _id: 'clientChosenId001', rid, msg: 'hello', u: { _id: alice.uid, username: 'alice' } });
    expect(sent.ts).toBeInstanceOf(Date);
    const again = await alice.call('sendMessage', { _id: 'clientChosenId001', rid, msg: 'hello' });
    expect(again).toEqual({});
    expect(scope.server.records.messages().filter((m) => m._id === 'clientChosenId001')).toHaveLength(1);
  });

  it('stores a message with t:"otr" like any other (8.x has no OTR special case)', async () => {
    const alice = await login('alice');
    const { rid } = await alice.ok('createDirectMessage', 'bob');
    const sent = await alice.ok('sendMessage', { _id: 'otrTypedMessage01', rid, msg: '{"$binary":"AAAA"}', t: 'otr' });
    expect(sent.t).toBe('otr');
    const history = await alice.ok('loadHistory', rid, null, 50, null);
    expect(history.messages.map((m: { _id: string }) => m._id)).toContain('otrTypedMessage01');
  });

  it('refuses keys outside the allowed set with Match failed', async () => {
    const alice = await login('alice');
    const { rid } = await alice.ok('createDirectMessage', 'bob');
    const outcome = await alice.call('sendMessage', { rid, msg: 'x', attachments: [] });
    expect(outcome.error).toMatchObject({ error: 400, reason: 'Match failed' });
  });

  it('drops a msg longer than Message_MaxAllowedSize with an empty answer and no notice; the setting is public', async () => {
    // carol: alice's sends of the tests above used up her 5 per second.
    const alice = await login('carol');
    const { rid } = await alice.ok('createDirectMessage', 'bob');
    await alice.stream('stream-notify-user', `${alice.uid}/message`);
    await alice.ok('sendMessage', { rid, msg: 'x'.repeat(100) });
    const outcome = await alice.call('sendMessage', { _id: 'tooLongMessage001', rid, msg: 'x'.repeat(101) });
    expect(outcome).toEqual({});
    await alice.barrier();
    expect(alice.events('stream-notify-user', `${alice.uid}/message`)).toEqual([]);
    expect(scope.server.records.messages().some((m) => m._id === 'tooLongMessage001')).toBe(false);
    const settings = await alice.ok('public-settings/get');
    expect(settings).toEqual(expect.arrayContaining([
      expect.objectContaining({ _id: 'Message_MaxAllowedSize', value: 100 }),
      expect.objectContaining({ _id: 'Site_Name' }),
    ]));
  });

  it('refuses a room the sender is not in', async () => {
    const alice = await login('alice');
    const { rid } = await alice.ok('createDirectMessage', 'bob');
    const carol = await login('carol');
    expect((await carol.call('sendMessage', { rid, msg: 'intruder' })).error).toMatchObject({ error: 'error-not-allowed' });
    expect(await carol.ok('loadHistory', rid, null, 10, null)).toBe(false);
  });
});

describe('rate limits', () => {
  it('answers too-many-requests with timeToReset once a user exceeds sendMessage per second', async () => {
    const limited = await startServer({ seed: 'demo', rateLimits: { sendMessagePerSecond: 2 } });
    try {
      const alice = scope.track(await loggedIn(limited.url, 'alice'));
      const { rid } = await alice.ok('createDirectMessage', 'bob');
      const outcomes = await Promise.all([1, 2, 3].map((n) => alice.call('sendMessage', { rid, msg: `m${n}` })));
      const refused = outcomes.filter((o) => o.error);
      expect(refused.length).toBeGreaterThanOrEqual(1);
      const error = refused[0]?.error;
      expect(error.error).toBe('too-many-requests');
      expect(error.reason).toMatch(/^Error, too many requests\. Please slow down\. You must wait \d+ seconds before trying again\.$/);
      expect(error.details.timeToReset).toBeGreaterThan(0);
      expect(error.details.timeToReset).toBeLessThanOrEqual(1000);
    } finally {
      await limited.close();
    }
  });
});

describe('loadHistory', () => {
  it('pages newest-first with an exclusive end, without gaps or duplicates', async () => {
    const alice = await login('alice');
    const { rid } = await alice.ok('createDirectMessage', 'carol');
    const sent: string[] = [];
    for (let i = 0; i < 45; i += 1) sent.push(scope.server.admin.post('alice', rid, `n${i}`));
    const seen: string[] = [];
    let end: Date | null = null;
    for (;;) {
      const page: { messages: { _id: string; ts: Date }[]; unreadNotLoaded: number } = await alice.ok('loadHistory', rid, end, 10, null);
      if (page.messages.length === 0) break;
      const times = page.messages.map((m) => m.ts.getTime());
      expect(times).toEqual([...times].sort((a, b) => b - a));
      seen.push(...page.messages.map((m) => m._id));
      end = page.messages[page.messages.length - 1]?.ts ?? null;
    }
    expect(seen).toEqual([...sent].reverse());
  });

  it('counts unread messages older than the loaded page', async () => {
    const alice = await login('alice');
    const { rid } = await alice.ok('createDirectMessage', 'rocket.cat');
    scope.server.admin.post('alice', rid, 'seen');
    const first = scope.server.records.messages().at(-1);
    for (let i = 0; i < 5; i += 1) scope.server.admin.post('alice', rid, `u${i}`);
    const page = await alice.ok('loadHistory', rid, null, 2, first?.ts);
    expect(page.messages).toHaveLength(2);
    expect(page.unreadNotLoaded).toBe(3);
    expect(page.firstUnread.msg).toBe('u0');
  });

  it('needs a login', async () => {
    const alice = await login('alice');
    const { rid } = await alice.ok('createDirectMessage', 'bob');
    await alice.ok('logout');
    expect((await alice.call('loadHistory', rid, null, 10, null)).error).toMatchObject({ error: 'error-invalid-user' });
  });
});
