import { describe, expect, it } from 'vitest';

import { startServer } from '../../server/index.js';
import { loggedIn } from './ddp-client.js';
import { useDemoServer } from './server-scope.js';

const scope = useDemoServer();

describe('edits, deletions and reactions (what real rooms send after a message)', () => {
  it('updateMessage re-sends the message under the same _id with editedAt and editedBy; history has the new text', async () => {
    const alice = await scope.login('alice');
    const bob = await scope.login('bob');
    const id = scope.server.admin.post('alice', 'general', 'first draft');
    await bob.stream('stream-room-messages', (await bob.ok('rooms/get')).find((r: { name?: string }) => r.name === 'general')._id);
    const rid = scope.server.records.messages().find((m) => m._id === id)?.rid ?? '';
    await alice.ok('updateMessage', { _id: id, rid, msg: 'final text' });
    await bob.barrier();
    const [edited] = bob.events('stream-room-messages', rid).at(-1) as [Record<string, unknown>];
    expect(edited).toMatchObject({ _id: id, msg: 'final text', editedBy: { _id: alice.uid, username: 'alice' } });
    expect(edited.editedAt).toBeInstanceOf(Date);
    const history = await bob.ok('loadHistory', rid, null, 10, null);
    expect(history.messages.find((m: { _id: string }) => m._id === id)?.msg).toBe('final text');
  });

  it("refuses to edit or delete someone else's message", async () => {
    const bob = await scope.login('bob');
    const id = scope.server.admin.post('alice', 'general', 'mine');
    expect((await bob.call('updateMessage', { _id: id, msg: 'hijacked' })).error).toMatchObject({ error: 'error-action-not-allowed' });
    expect((await bob.call('deleteMessage', { _id: id })).error).toMatchObject({ error: 'error-action-not-allowed' });
    expect(scope.server.records.messages().find((m) => m._id === id)?.msg).toBe('mine');
  });

  it('deleteMessage removes it from history and tells members on <rid>/deleteMessage with [{_id}]', async () => {
    const alice = await scope.login('alice');
    const bob = await scope.login('bob');
    const id = scope.server.admin.post('alice', 'general', 'oops');
    const rid = scope.server.records.messages().find((m) => m._id === id)?.rid ?? '';
    await bob.stream('stream-notify-room', `${rid}/deleteMessage`);
    await alice.ok('deleteMessage', { _id: id });
    await bob.barrier();
    expect(bob.events('stream-notify-room', `${rid}/deleteMessage`)).toEqual([[{ _id: id }]]);
    const history = await bob.ok('loadHistory', rid, null, 50, null);
    expect(history.messages.some((m: { _id: string }) => m._id === id)).toBe(false);
  });

  it('a prune deletes several messages with one <rid>/deleteMessageBulk naming their ids', async () => {
    const bob = await scope.login('bob');
    const ids = ['one', 'two'].map((text) => scope.server.admin.post('carol', 'general', text));
    const rid = scope.server.records.messages().find((m) => m._id === ids[0])?.rid ?? '';
    await bob.stream('stream-notify-room', `${rid}/deleteMessageBulk`);
    scope.server.admin.pruneMessages('general', ids);
    await bob.barrier();
    const [[bulk]] = bob.events('stream-notify-room', `${rid}/deleteMessageBulk`) as [[Record<string, unknown>]];
    expect(bulk).toMatchObject({ rid, ids: expect.arrayContaining(ids) });
    expect(scope.server.records.messages().some((m) => ids.includes(m._id))).toBe(false);
  });

  it('setReaction toggles the user in reactions and re-sends the message; the last one removed drops the field', async () => {
    const bob = await scope.login('bob');
    const id = scope.server.admin.post('alice', 'general', 'react to me');
    const rid = scope.server.records.messages().find((m) => m._id === id)?.rid ?? '';
    const stored = async () => (await bob.ok('loadHistory', rid, null, 50, null)).messages.find((m: { _id: string }) => m._id === id);
    await bob.stream('stream-room-messages', rid);
    await bob.ok('setReaction', ':tada:', id);
    expect((await stored()).reactions).toEqual({ ':tada:': { usernames: ['bob'] } });
    await bob.barrier();
    expect(bob.events('stream-room-messages', rid).at(-1)?.[0]).toMatchObject({ _id: id, reactions: { ':tada:': { usernames: ['bob'] } } });
    await bob.ok('setReaction', ':tada:', id);
    expect((await stored()).reactions).toBeUndefined();
    expect((await bob.call('setReaction', ':tada:', 'noSuchMessage')).error).toMatchObject({ error: 'error-not-allowed' });
  });
});

describe('rooms that refuse plaintext or show system messages', () => {
  it('an E2E room refuses a plain message with error-not-allowed and accepts t:"e2e"', async () => {
    const alice = await scope.login('alice');
    const { rid } = await alice.ok('createDirectMessage', 'carol');
    scope.server.admin.setEncrypted(rid, true);
    const refused = await alice.call('sendMessage', { rid, msg: 'plain' });
    expect(refused.error).toMatchObject({ error: 'error-not-allowed', reason: 'Not allowed to send un-encrypted messages in an encrypted room' });
    const sent = await alice.ok('sendMessage', { rid, msg: 'kid0000000000000AAAA', t: 'e2e' });
    expect(sent).toMatchObject({ t: 'e2e' });
    expect((await alice.ok('rooms/get')).find((r: { _id: string }) => r._id === rid)).toMatchObject({ encrypted: true });
  });

  it('a system message is stored with its t and sent on the room stream; clients cannot send one', async () => {
    const bob = await scope.login('bob');
    const rid = scope.server.records.messages().find((m) => m.msg === 'mine')?.rid ?? '';
    await bob.stream('stream-room-messages', rid);
    const id = scope.server.admin.systemMessage('carol', 'general', 'room_changed_topic', 'Release week');
    await bob.barrier();
    expect(bob.events('stream-room-messages', rid).at(-1)?.[0]).toMatchObject({ _id: id, t: 'room_changed_topic', msg: 'Release week' });
    expect((await bob.call('sendMessage', { rid, msg: 'x', t: 'uj' })).error).toBeDefined();
  });

  it('a DM of three people gets a generated id and lists every member', async () => {
    const alice = await scope.login('alice');
    const { rid } = await alice.ok('createDirectMessage', 'bob', 'carol');
    expect(rid).not.toContain(alice.uid);
    const room = (await alice.ok('rooms/get')).find((r: { _id: string }) => r._id === rid);
    expect(room).toMatchObject({ t: 'd', usernames: ['alice', 'bob', 'carol'] });
  });
});

describe('the #showcase seed', () => {
  it('holds system messages, an edited message, reactions, an E2E DM and a group DM for alice to look at', async () => {
    const server = await startServer({ seed: 'demo', seedShowcase: true });
    try {
      const alice = scope.track(await loggedIn(server.url, 'alice'));
      const rooms = await alice.ok('rooms/get') as { _id: string; name?: string; encrypted?: boolean; usernames?: string[] }[];
      const showcase = rooms.find((r) => r.name === 'showcase');
      const history = (await alice.ok('loadHistory', showcase?._id, null, 100, null)).messages as Record<string, unknown>[];
      expect(history.map((m) => m.t).filter(Boolean)).toEqual(expect.arrayContaining(['uj', 'au', 'room_changed_topic', 'user-muted']));
      expect(history.find((m) => m.msg === 'Edited text')).toMatchObject({ editedBy: { username: 'bob' } });
      expect(history.find((m) => m.msg === 'React to this')).toMatchObject({ reactions: { ':thumbsup:': { usernames: ['alice', 'bob'] } } });
      expect(rooms.some((r) => r.encrypted === true)).toBe(true);
      expect(rooms.some((r) => r.usernames?.length === 3)).toBe(true);
    } finally {
      await server.close();
    }
  });
});
