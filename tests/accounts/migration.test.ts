// Upgrading from the single-server version: a profile written by today's core (its stored sign-in, OTR identity,
// trust store, settings and window state) becomes the first account, with the same fingerprint and the same
// verified peers. A migration that fails leaves every old file exactly as it was, says so, and is tried again.
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { EventName } from '../../src/contract/events.js';
import { AccountRegistry } from '../../src/main/accounts/registry.js';
import { createAppCore } from '../../src/main/app-core.js';
import { FileSecretStore } from '../../src/main/storage/file-secret-store.js';
import { createTrustStore } from '../../src/otr/trust/trust-store.js';
import { startServer } from '../../server/index.js';
import { until } from '../until.js';

type Server = Awaited<ReturnType<typeof startServer>>;

const PEER_FP = 'A1B2C3D4E5F60718293A4B5C6D7E8F9012345678';
const WINDOW_STATE = JSON.stringify({ bounds: { x: 10, y: 20, width: 900, height: 700 }, maximized: false });

let server: Server;
let written: string;
let ownFingerprint: string | null;
const registries: AccountRegistry[] = [];

/** A profile folder exactly as the single-server version leaves it. */
async function writeSingleServerProfile(profileDir: string): Promise<string | null> {
  let keyReady = false;
  const core = await createAppCore({
    profileDir,
    emit: (name, payload) => {
      if (name === 'otr.keygen' && (payload as { phase: string }).phase === 'ready') keyReady = true;
    },
  });
  expect(await core.handlers['auth.login']({ serverUrl: server.url, user: 'alice', password: 'demo' })).toMatchObject({ ok: true });
  await until(() => keyReady, 'alice\'s identity key');
  const own = await core.handlers['otr.ownFingerprint']();
  await core.dispose();
  const trust = createTrustStore(new FileSecretStore(join(profileDir, 'secrets')), new URL(server.url).origin);
  await trust.remember('u-bob', 'bob', PEER_FP);
  await trust.setVerified('u-bob', PEER_FP, true);
  // The single-server version kept every setting in one shared file.
  writeFileSync(join(profileDir, 'settings.json'), JSON.stringify({ language: 'nl', otrRequestTimeoutSec: 90, nativeOtr: false, notifications: true, closeToTray: true }));
  writeFileSync(join(profileDir, 'window-state.json'), WINDOW_STATE);
  return own.ok ? own.value : null;
}

function snapshot(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) files[join(entry.parentPath, entry.name).slice(dir.length)] = readFileSync(join(entry.parentPath, entry.name)).toString('base64');
  }
  return files;
}

async function open(profileDir: string, ids: string[]) {
  const events: { name: EventName; payload: unknown; accountId?: string }[] = [];
  const registry = await AccountRegistry.open({
    profileDir,
    emit: (name, payload, accountId) => events.push({ name, payload, accountId }),
    newId: () => ids.shift() ?? 'spare00000',
  });
  registries.push(registry);
  return { registry, events };
}

beforeAll(async () => {
  server = await startServer({ port: 0, seed: 'demo' });
  written = mkdtempSync(join(tmpdir(), 'otrdesk-v1-profile-'));
  ownFingerprint = await writeSingleServerProfile(written);
  expect(ownFingerprint).toMatch(/^[0-9A-F]{40}$/);
});

afterAll(async () => {
  for (const registry of registries) await registry.dispose();
  await server?.close();
});

describe('migration of a single-server profile', () => {
  it('makes it the first account: signed in, same fingerprint, same verified peer, same settings and window', async () => {
    const profileDir = mkdtempSync(join(tmpdir(), 'otrdesk-migrate-'));
    cpSync(written, profileDir, { recursive: true });
    const { registry, events } = await open(profileDir, ['migrated01']);
    expect(registry.state()).toMatchObject({ accounts: [{ id: 'migrated01' }], activeId: 'migrated01', migrationFailed: false });
    await until(() => events.some((e) => e.accountId === 'migrated01' && e.name === 'session.changed' &&
      (e.payload as { connection: { kind: string } }).connection.kind === 'online'), 'the stored sign-in used');
    const account = registry.targets.account('migrated01')!;
    expect(await account['otr.ownFingerprint']()).toEqual({ ok: true, value: ownFingerprint });
    expect(await account['otr.knownFingerprints']()).toMatchObject({ ok: true, value: [{ userId: 'u-bob', fingerprint: PEER_FP, verified: true }] });
    expect(await registry.targets.app['settings.get']()).toMatchObject({ ok: true, value: { language: 'nl' } });
    // The shared values that are now per account become the account's own.
    expect(await account['accountSettings.get']()).toEqual({ ok: true, value: { otrRequestTimeoutSec: 90, nativeOtr: false } });
    expect(readFileSync(join(profileDir, 'window-state.json'), 'utf8')).toBe(WINDOW_STATE);
    expect(existsSync(join(profileDir, 'secrets'))).toBe(false);
  });

  it('leaves the old files untouched when it fails, says so, and carries them over on the next start', async () => {
    const profileDir = mkdtempSync(join(tmpdir(), 'otrdesk-migrate-fail-'));
    cpSync(written, profileDir, { recursive: true });
    const before = snapshot(profileDir);
    // Something in the way of the copy (here: a file where the copy must go).
    const first = readdirSync(join(profileDir, 'secrets'))[0]!;
    const obstacle = join(profileDir, 'accounts', '.migrating-failing01', 'secrets');
    mkdirSync(obstacle, { recursive: true });
    writeFileSync(join(obstacle, first), 'in the way');
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const { registry } = await open(profileDir, ['failing01', 'blank00001']);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('could not be carried over; its files are untouched'));
    warn.mockRestore();
    expect(registry.state()).toMatchObject({ migrationFailed: true, accounts: [{ id: 'blank00001', connection: 'signed-out' }] });
    const after = snapshot(profileDir);
    for (const [path, bytes] of Object.entries(before)) expect(after[path], path).toBe(bytes);
    await registry.dispose();

    const again = await open(profileDir, ['retried001']);
    expect(again.registry.state()).toMatchObject({ migrationFailed: false, accounts: [{ id: 'retried001' }, { id: 'blank00001' }] });
    await until(() => again.events.some((e) => e.accountId === 'retried001' && e.name === 'session.changed' &&
      (e.payload as { connection: { kind: string } }).connection.kind === 'online'), 'the stored sign-in used');
    expect(await again.registry.targets.account('retried001')!['otr.ownFingerprint']()).toEqual({ ok: true, value: ownFingerprint });
  });
});
