// What the account tests share: two local servers with the demo seed (a "work" and a "community" one), a fresh
// profile folder, and a registry that signs alice in to both, its events recorded.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventName } from '../../src/contract/events.js';
import { AccountRegistry } from '../../src/main/accounts/registry.js';
import { startServer } from '../../server/index.js';

export type Server = Awaited<ReturnType<typeof startServer>>;
export interface RecordedEvent {
  name: EventName;
  payload: unknown;
  accountId?: string;
}

export async function startTwoServers(profilePrefix: string): Promise<{ work: Server; community: Server; profileDir: string }> {
  const [work, community] = await Promise.all([startServer({ port: 0, seed: 'demo' }), startServer({ port: 0, seed: 'demo' })]);
  return { work, community, profileDir: mkdtempSync(join(tmpdir(), profilePrefix)) };
}

/** Opens (and reopens) the registry of `profileDir` with alice signing in to both; ids account0001, account0002… */
export function aliceOnBoth(profileDir: string, servers: { work: Server; community: Server }, events: RecordedEvent[]) {
  let ids = 0;
  return () =>
    AccountRegistry.open({
      profileDir,
      emit: (name, payload, accountId) => events.push({ name, payload, accountId }),
      newId: () => `account${String(++ids).padStart(4, '0')}`,
      autoLogin: [
        { serverUrl: servers.work.url, user: 'alice', password: 'demo' },
        { serverUrl: servers.community.url, user: 'alice', password: 'demo' },
      ],
    });
}

/** True once the account has said it is online (as `username`, when given). */
export const onlineAs = (events: readonly RecordedEvent[], id: string, username?: string) => () =>
  events.some((e) => {
    if (e.accountId !== id || e.name !== 'session.changed') return false;
    const session = e.payload as { me?: { username: string }; connection: { kind: string } };
    return session.connection.kind === 'online' && (username === undefined || session.me?.username === username);
  });
