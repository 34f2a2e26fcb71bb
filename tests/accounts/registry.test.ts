// The account registry: N account cores side by side, each in its own folder, addressed by id; a paused server
// does not hold up the account on the other one; removing an account deletes its folder and nothing else.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccountRegistry } from '../../src/main/accounts/registry.js';
import { until } from '../until.js';
import { aliceOnBoth, onlineAs as onlineIn, startTwoServers, type RecordedEvent, type Server } from './two-servers.js';

let work: Server;
let community: Server;
let registry: AccountRegistry;
let profileDir: string;
const events: RecordedEvent[] = [];
const onlineAs = (id: string, username: string) => onlineIn(events, id, username);

beforeAll(async () => {
  ({ work, community, profileDir } = await startTwoServers('otrdesk-accounts-'));
  registry = await aliceOnBoth(profileDir, { work, community }, events)();
  await until(onlineAs('account0001', 'alice'), 'alice online on the first server');
  await until(onlineAs('account0002', 'alice'), 'alice online on the second server');
});

afterAll(async () => {
  await registry?.dispose();
  await Promise.all([work?.close(), community?.close()]);
});

describe('several accounts', () => {
  it('runs one core per server: the same user on two servers is two accounts with two identities', async () => {
    const state = registry.state();
    expect(state.accounts.map((a) => [a.id, a.serverUrl, a.username])).toEqual([
      ['account0001', work.url, 'alice'],
      ['account0002', community.url, 'alice'],
    ]);
    const [one, two] = ['account0001', 'account0002'].map((id) => registry.targets.account(id)!);
    await until(() => events.filter((e) => e.name === 'otr.keygen' && (e.payload as { phase: string }).phase === 'ready').length >= 2, 'both keys');
    const fingerprints = await Promise.all([one!['otr.ownFingerprint'](), two!['otr.ownFingerprint']()]);
    expect(fingerprints.every((f) => f.ok && typeof f.value === 'string')).toBe(true);
    expect(fingerprints[0]).not.toEqual(fingerprints[1]);
    expect(readdirSync(join(profileDir, 'accounts')).sort()).toEqual(['account0001', 'account0002']);
  });

  it('sends each account\'s events with its id, and refuses ids that are no account', () => {
    const sessions = events.filter((e) => e.name === 'session.changed');
    expect(new Set(sessions.map((e) => e.accountId))).toEqual(new Set(['account0001', 'account0002']));
    expect(events.filter((e) => e.name === 'accounts.changed').every((e) => e.accountId === undefined)).toBe(true);
    expect(registry.targets.account('account9999')).toBeUndefined();
  });

  it('keeps the second server\'s chat working while the first does not answer', async () => {
    const one = registry.targets.account('account0001')!;
    const two = registry.targets.account('account0002')!;
    work.faults.pause();
    try {
      let stalledDone = false;
      const stalled = one['rooms.startDirect']('bob').finally(() => (stalledDone = true));
      const room = await two['rooms.startDirect']('carol');
      expect(room).toMatchObject({ ok: true, value: { type: 'd', name: 'carol' } });
      const sent = await two['chat.send'](room.ok ? room.value.id : '', 'still here');
      expect(sent).toMatchObject({ ok: true });
      expect(stalledDone).toBe(false);
      work.faults.resume();
      expect(await stalled).toMatchObject({ ok: true });
    } finally {
      work.faults.resume();
    }
  });

  it('adds a blank account once, and removing an account deletes only its folder', async () => {
    const added = await registry.add();
    expect(added.accounts).toHaveLength(3);
    expect(added.activeId).toBe('account0003');
    expect((await registry.add()).accounts).toHaveLength(3);
    await registry.reorder(['account0003', 'account0002', 'account0001']);
    const after = await registry.remove('account0002');
    expect(after.accounts.map((a) => a.id)).toEqual(['account0003', 'account0001']);
    expect(existsSync(join(profileDir, 'accounts', 'account0002'))).toBe(false);
    expect(readdirSync(join(profileDir, 'accounts', 'account0001', 'secrets')).length).toBeGreaterThan(0);
    expect(registry.targets.account('account0002')).toBeUndefined();
  });

  it('keeps the order and the active account over a restart', async () => {
    await registry.activate('account0001');
    await registry.dispose();
    events.length = 0;
    registry = await AccountRegistry.open({ profileDir, emit: (name, payload, accountId) => events.push({ name, payload, accountId }) });
    expect(registry.state()).toMatchObject({ activeId: 'account0001', accounts: [{ id: 'account0003' }, { id: 'account0001' }] });
    // Signed in again from its stored sign-in, with its own key loaded (and not disposed half-way below).
    await until(onlineAs('account0001', 'alice'), 'alice back online');
    const handlers = registry.targets.account('account0001')!;
    await until(() => registry.cores()[1]!.core.rooms().some((r) => r.type === 'd'), 'the DM with bob listed again');
    const dm = registry.cores()[1]!.core.rooms().find((r) => r.type === 'd');
    expect(await handlers['otr.get'](dm?.id ?? '')).toMatchObject({ ok: true, value: { phase: 'idle' } });
  });
});
