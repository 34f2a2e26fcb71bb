// `messages/get(rid, {lastUpdate})` as Rocket.Chat answers it (loadMissedMessages; REST chat.syncMessages calls it):
// messages updated after lastUpdate and `{_id, _deletedAt}` of those its trash got after it, under the default limits.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startServer } from '../../server/index.js';
import { loggedIn } from './ddp-client.js';
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

  it('from 7.1: pages of one type after next / before previous, with cursors; older versions answer history instead', async () => {
    const alice = await scope.login('alice');
    const { admin, records } = scope.server;
    const start = admin.post('alice', 'general', 'start');
    const rid = records.messages().find((m) => m._id === start)?.rid ?? '';
    const from = String(Date.now() + 1);
    await new Promise((resolve) => setTimeout(resolve, 5));
    const ids = ['a', 'b', 'c'].map((msg) => admin.post('alice', 'general', msg));
    const first = await alice.ok('messages/get', rid, { type: 'UPDATED', next: from, count: 2 });
    expect(first.updated.map((m: { _id: string }) => m._id)).toEqual(ids.slice(0, 2));
    expect(first.cursor.next).toEqual(expect.any(String));
    const second = await alice.ok('messages/get', rid, { type: 'UPDATED', next: first.cursor.next, count: 2 });
    expect(second.updated.map((m: { _id: string }) => m._id)).toEqual(ids.slice(2));
    expect(second.cursor.next).toBeNull();
    await alice.ok('deleteMessage', { _id: ids[0] });
    const deleted = await alice.ok('messages/get', rid, { type: 'DELETED', next: from, count: 50 });
    expect(deleted.deleted.map((d: { _id: string }) => d._id)).toEqual([ids[0]]);
    expect((await alice.call('messages/get', rid, { next: from })).error).toMatchObject({ error: 'error-type-param-required' });
    expect((await alice.call('messages/get', rid, { type: 'UPDATED', next: from, lastUpdate: new Date() })).error)
      .toMatchObject({ error: 'error-cursor-and-lastUpdate-conflict' });

    const old = await startServer({ seed: 'demo', port: 0, version: '7.0.0' });
    try {
      const bob = await loggedIn(old.url, 'bob');
      const general = (await bob.ok('rooms/get')).find((r: { name?: string }) => r.name === 'general')._id;
      expect(await bob.ok('messages/get', general, { type: 'UPDATED', next: from })).toHaveProperty('messages');
      bob.close();
    } finally {
      await old.close();
    }
  });

  it('REST chat.syncMessages answers {result: {updated, deleted}} for lastUpdate and refuses a bad date', async () => {
    const { server } = scope;
    const login = await (await fetch(`${server.url}/api/v1/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ user: 'alice', password: 'demo' }) })).json() as { data: { userId: string; authToken: string } };
    const headers = { 'X-User-Id': login.data.userId, 'X-Auth-Token': login.data.authToken };
    const id = server.admin.post('alice', 'general', 'to go');
    const rid = server.records.messages().find((m) => m._id === id)?.rid ?? '';
    const since = new Date(Date.now() - 1000).toISOString();
    const alice = await scope.login('alice');
    await alice.ok('deleteMessage', { _id: id });
    const sync = (query: string) => fetch(`${server.url}/api/v1/chat.syncMessages?${query}`, { headers }).then(async (r) => ({ status: r.status, body: await r.json() as { result: { updated: unknown[]; deleted: unknown[] } } }));
    const ok = await sync(`roomId=${rid}&lastUpdate=${encodeURIComponent(since)}`);
    expect(ok.status).toBe(200);
    expect(ok.body.result.deleted).toContainEqual({ _id: id, _deletedAt: expect.any(String) });
    expect(ok.body.result.updated).toEqual(expect.any(Array));
    const bad = await sync(`roomId=${rid}&lastUpdate=yesterday`);
    expect(bad).toMatchObject({ status: 400, body: { success: false, error: expect.stringContaining('error-roomId-param-invalid') } });
    expect((await fetch(`${server.url}/api/v1/chat.syncMessages?roomId=${rid}&lastUpdate=${since}`)).status).toBe(401);
  });

  it('the trash outlives a restart with a data file, as a database does', async () => {
    const server = await startServer({ seed: 'demo', port: 0, dataFile: join(mkdtempSync(join(tmpdir(), 'trash-')), 'data.json') });
    try {
      const id = server.admin.post('alice', 'general', 'to go');
      const rid = server.records.messages().find((m) => m._id === id)?.rid ?? '';
      const before = await loggedIn(server.url, 'alice');
      await before.ok('deleteMessage', { _id: id });
      before.close();
      await server.faults.restart();
      const after = await loggedIn(server.url, 'alice');
      const { deleted } = await after.ok('messages/get', rid, { lastUpdate: new Date(0) });
      expect(deleted).toEqual([{ _id: id, _deletedAt: expect.any(Date) }]);
      after.close();
    } finally {
      await server.close();
    }
  });
});
