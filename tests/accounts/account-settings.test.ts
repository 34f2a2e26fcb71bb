// Settings that belong to one account (issue 18): the OTR request timeout and "Rocket.Chat OTR with official
// apps" depend on the server and the people on it, so each account keeps its own, in its own folder; the user's
// settings (language, notifications, tray) stay shared.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OtrRoomView } from '../../src/contract/model.js';
import type { AccountRegistry } from '../../src/main/accounts/registry.js';
import { until } from '../until.js';
import { aliceOnBoth, onlineAs, startTwoServers, type RecordedEvent, type Server } from './two-servers.js';

let work: Server;
let community: Server;
let registry: AccountRegistry;
let profileDir: string;
let openRegistry: () => Promise<AccountRegistry>;
const events: RecordedEvent[] = [];
const online = (id: string) => onlineAs(events, id);

beforeAll(async () => {
  ({ work, community, profileDir } = await startTwoServers('otrdesk-account-settings-'));
  openRegistry = aliceOnBoth(profileDir, { work, community }, events);
  registry = await openRegistry();
  await until(online('account0001'), 'the first account online');
  await until(online('account0002'), 'the second account online');
});

afterAll(async () => {
  await registry?.dispose();
  await Promise.all([work?.close(), community?.close()]);
});

describe('per-account settings', () => {
  it('keeps different values per account, in each account\'s folder (0600), over a restart', async () => {
    const one = registry.targets.account('account0001')!;
    const two = registry.targets.account('account0002')!;
    expect(await one['accountSettings.set']({ otrRequestTimeoutSec: 300, nativeOtr: false })).toMatchObject({ ok: true });
    expect(await two['accountSettings.get']()).toEqual({ ok: true, value: { otrRequestTimeoutSec: 60, nativeOtr: true } });
    // Only the changed account hears about it.
    const changed = events.filter((e) => e.name === 'accountSettings.changed');
    expect(changed.map((e) => e.accountId)).toEqual(['account0001']);
    const file = join(profileDir, 'accounts', 'account0001', 'account-settings.json');
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ otrRequestTimeoutSec: 300, nativeOtr: false });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    // The user's settings do not carry them.
    const user = await registry.targets.app['settings.get']();
    expect(user.ok && Object.keys(user.value)).toEqual(['language', 'notifications', 'closeToTray']);

    await registry.dispose();
    registry = await openRegistry();
    expect(await registry.targets.account('account0001')!['accountSettings.get']()).toEqual({ ok: true, value: { otrRequestTimeoutSec: 300, nativeOtr: false } });
    expect(await registry.targets.account('account0002')!['accountSettings.get']()).toEqual({ ok: true, value: { otrRequestTimeoutSec: 60, nativeOtr: true } });
    await until(online('account0001'), 'the first account online again');
    await until(online('account0002'), 'the second account online again');
  });

  it('gives each account\'s OTR request its own account\'s timeout', async () => {
    const one = registry.targets.account('account0001')!;
    const two = registry.targets.account('account0002')!;
    // Both identity keys first: making one takes long on a busy machine, and is not what this test is about.
    const keys: (string | null)[] = [null, null];
    await until(() => {
      void Promise.all([one['otr.ownFingerprint'](), two['otr.ownFingerprint']()]).then((r) => r.forEach((k, i) => (keys[i] = k.ok ? k.value : null)));
      return keys.every((k) => k !== null);
    }, 'both identity keys', 150_000);
    await one['accountSettings.set']({ otrRequestTimeoutSec: 300 });
    await two['accountSettings.set']({ otrRequestTimeoutSec: 20 });
    const requestLasts = async (id: string, handlers: typeof one): Promise<number> => {
      const room = await handlers['rooms.startDirect']('bob');
      const roomId = room.ok ? room.value.id : '';
      await handlers['otr.start'](roomId);
      let view: OtrRoomView | undefined;
      await until(() => {
        const views = events.filter((e) => e.accountId === id && e.name === 'otr.changed').map((e) => e.payload as OtrRoomView);
        view = views.find((v) => v.roomId === roomId && v.phase === 'requesting' && v.expiresAt !== undefined);
        return view !== undefined;
      }, `${id}'s request`);
      // Seen after it was sent (a first key may take a while before that), so never more than its timeout.
      const seenAt = Date.now();
      await handlers['otr.cancel'](roomId);
      return (view?.expiresAt ?? 0) - seenAt;
    };
    // What is left of each request says which timeout it got: more than the default 60 s only with 300 s, and
    // never more than 20 s with 20 s (not how fast anything ran).
    const first = await requestLasts('account0001', one);
    expect(first).toBeGreaterThan(60_000);
    expect(first).toBeLessThanOrEqual(300_000);
    expect(await requestLasts('account0002', two)).toBeLessThanOrEqual(20_000);
  }, 240_000);
});
