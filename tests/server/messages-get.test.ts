// `messages/get(rid, {lastUpdate})` as Rocket.Chat answers it (loadMissedMessages; REST chat.syncMessages calls it):
// messages updated after lastUpdate and `{_id, _deletedAt}` of those its trash got after it, under the default limits.
import { describe, expect, it } from 'vitest';
import { useDemoServer } from './server-scope.js';

const scope = useDemoServer();

describe('messages/get', () => {
  it('with lastUpdate: the edits and the deletions (one, bulk) since, each deleted id with _deletedAt', async () => {
    const alice = await scope.login('alice');
    const { admin, records } = scope.server;
    const before = admin.post('alice', 'general', 'before');
    const rid = records.messages().find((m) => m._id === before)?.rid ?? '';
    const since = new Date(Date.now() + 1);
    await new Promise((resolve) => setTimeout(resolve, 5));
    const [edited, gone, old1, old2] = ['draft', 'oops', 'old 1', 'old 2'].map((msg) => admin.post('alice', 'general', msg));
    await alice.ok('updateMessage', { _id: edited, msg: 'final' });
    await alice.ok('deleteMessage', { _id: gone });
    admin.pruneMessages('general', [old1 ?? '', old2 ?? '']);
    const result = await alice.ok('messages/get', rid, { lastUpdate: since });
    const updatedIds = result.updated.map((m: { _id: string }) => m._id);
    expect(updatedIds).toEqual([edited]);
    expect(result.updated[0]).toMatchObject({ _id: edited, msg: 'final' });
    expect(result.deleted.map((d: { _id: string }) => d._id).sort()).toEqual([gone, old1, old2].sort());
    for (const entry of result.deleted) expect(Object.keys(entry).sort()).toEqual(['_deletedAt', '_id']);
    expect(result.deleted[0]._deletedAt).toBeInstanceOf(Date);
    expect(updatedIds).not.toContain(before);
  });

  it('refuses a room the caller cannot access and a missing options object, as the real method does', async () => {
    const alice = await scope.login('alice');
    expect((await alice.call('messages/get', 'no-such-room', { lastUpdate: new Date(0) })).error).toMatchObject({ error: 'error-not-allowed' });
    expect((await alice.call('messages/get', 'GENERAL')).error).toMatchObject({ error: 500 });
  });

  it('has the default per-method limit: the 11th call within 10 s on one connection is refused', async () => {
    const alice = await scope.login('alice');
    const rid = (await alice.ok('rooms/get')).find((r: { name?: string }) => r.name === 'general')._id;
    for (let i = 0; i < 10; i += 1) await alice.ok('messages/get', rid, { lastUpdate: new Date() });
    expect((await alice.call('messages/get', rid, { lastUpdate: new Date() })).error).toMatchObject({ error: 'too-many-requests' });
  });
});
