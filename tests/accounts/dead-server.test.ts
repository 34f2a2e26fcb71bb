// A server that accepts connections and never answers must not hold up the start or the other account.
import { mkdtempSync } from 'node:fs';
import { createServer, type Server as NetServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { AccountRegistry } from '../../src/main/accounts/registry.js';
import { startServer } from '../../server/index.js';
import { until } from '../until.js';

let live: Awaited<ReturnType<typeof startServer>>;
let silent: NetServer;
const held: Socket[] = [];
let registry: AccountRegistry | undefined;

beforeAll(async () => {
  live = await startServer({ port: 0, seed: 'demo' });
  silent = createServer((socket) => held.push(socket));
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
});

afterAll(async () => {
  await registry?.dispose();
  for (const socket of held) socket.destroy();
  await new Promise((resolve) => silent.close(resolve));
  await live.close();
});

it('starts, and signs the other account in, while one server never answers', async () => {
  const silentUrl = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
  const online = new Set<string>();
  registry = await AccountRegistry.open({
    profileDir: mkdtempSync(join(tmpdir(), 'otrdesk-dead-server-')),
    emit: (name, payload, accountId) => {
      if (name === 'session.changed' && (payload as { connection: { kind: string } }).connection.kind === 'online' && accountId) online.add(accountId);
    },
    newId: (() => { let n = 0; return () => `account${String(++n).padStart(4, '0')}`; })(),
    autoLogin: [
      { serverUrl: silentUrl, user: 'alice', password: 'demo' },
      { serverUrl: live.url, user: 'alice', password: 'demo' },
    ],
  });
  await until(() => online.has('account0002'), 'alice online on the live server');
  await until(() => held.length > 0, 'the silent server reached');
  const rooms = await registry.targets.account('account0002')!['rooms.startDirect']('bob');
  expect(rooms).toMatchObject({ ok: true, value: { type: 'd' } });
  expect(online.has('account0001')).toBe(false);
  expect(registry.state().accounts.map((a) => [a.id, a.connection])).toEqual([
    ['account0001', expect.not.stringMatching(/^online$/)],
    ['account0002', 'online'],
  ]);
});
