// A room the user comes back to shows what changed while it was not on screen: through a whole account core
// against the local server, deletions (one, bulk) and an edit made meanwhile reach the page on reopen — with
// messages/get, and on a server without it by re-reading the newest page.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { HistoryPage } from '../../src/contract/model.js';
import { createAppCore, type AppCore } from '../../src/main/app-core.js';
import { startServer, type LocalServer } from '../../server/index.js';
import { loggedIn } from '../server/ddp-client.js';
import { until } from '../until.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function aliceIn(server: LocalServer) {
  const core: AppCore = await createAppCore({ profileDir: mkdtempSync(join(tmpdir(), 'alice-')), emit: () => undefined });
  cleanups.push(() => core.dispose());
  expect(await core.handlers['auth.login']({ serverUrl: server.url, user: 'alice', password: 'demo' })).toMatchObject({ ok: true });
  await until(() => core.rooms().some((r) => r.name === 'general'), 'the room list');
  const general = core.rooms().find((r) => r.name === 'general')?.id ?? '';
  const other = core.rooms().find((r) => r.id !== general)?.id ?? '';
  const open = async (roomId: string): Promise<HistoryPage> => {
    const result = await core.handlers['rooms.open'](roomId);
    if (!result.ok) throw new Error(`open failed: ${JSON.stringify(result.error)}`);
    return result.value;
  };
  return { general, other, open };
}

async function changedWhileAway(server: LocalServer, withoutSync: boolean) {
  const alice = await aliceIn(server);
  const [kept, gone, old1, old2] = ['kept', 'gone', 'old 1', 'old 2'].map((msg) => server.admin.post('bob', 'general', msg) ?? '');
  const first = await alice.open(alice.general);
  expect(first.messages.map((m) => m.id)).toEqual(expect.arrayContaining([kept, gone, old1, old2]));
  await alice.open(alice.other);
  if (withoutSync) server.faults.withoutMethod('messages/get');
  const bob = await loggedIn(server.url, 'bob');
  await bob.ok('deleteMessage', { _id: gone });
  server.admin.pruneMessages('general', [old1 ?? '', old2 ?? '']);
  await bob.ok('updateMessage', { _id: kept, msg: 'kept, edited' });
  bob.close();
  const reopened = await alice.open(alice.general);
  const ids = reopened.messages.map((m) => m.id);
  expect(ids).not.toContain(gone);
  expect(ids).not.toContain(old1);
  expect(ids).not.toContain(old2);
  expect(reopened.messages.find((m) => m.id === kept)).toMatchObject({ text: 'kept, edited', editedAt: expect.any(Number) });
}

describe('reopening a room not watched meanwhile', () => {
  it('deleted (one and bulk) rows are gone and the edit is shown', async () => {
    const server = await startServer({ seed: 'demo' });
    cleanups.push(() => server.close());
    await changedWhileAway(server, false);
  });

  it('on a server without messages/get too, by re-reading the newest page', async () => {
    const server = await startServer({ seed: 'demo' });
    cleanups.push(() => server.close());
    await changedWhileAway(server, true);
  });
});
