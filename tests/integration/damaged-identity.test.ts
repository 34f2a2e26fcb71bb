// A damaged identity file (truncated: the secret store cannot open it) must not break the DM: plain text both
// ways keeps working, OTR text shows as a placeholder, the UI is told once, and otr.start names the problem.
// Two complete main-process cores through the local server; the file store is the real one.
import { mkdtempSync, readFileSync } from 'node:fs';
import { readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventName, EventPayload } from '../../src/contract/events.js';
import type { Message } from '../../src/contract/model.js';
import { createAppCore, type AppCore } from '../../src/main/app-core.js';
import { FileSecretStore } from '../../src/main/storage/file-secret-store.js';
import { secretFileName } from '../../src/main/storage/secret-file-name.js';
import type { Identity, SecretStore } from '../../src/otr/ports.js';
import { trustSecretName } from '../../src/otr/trust/trust-store.js';
import { startServer } from '../../server/index.js';
import { until } from '../until.js';

type Server = Awaited<ReturnType<typeof startServer>>;

const { identities } = JSON.parse(
  readFileSync(new URL('../otr-engine/fixtures/test-identities.json', import.meta.url), 'utf8'),
) as { identities: Identity[] };

const isIdentity = (name: string) => name.startsWith('otr-identity:');

/** Alice's store: the real file store, whose identity file is found truncated when it is first read. */
function damagedIdentityStore(dir: string): SecretStore {
  const inner = new FileSecretStore(dir);
  return {
    encrypted: false,
    read: async (name) => {
      if (isIdentity(name)) await writeFile(join(dir, secretFileName(name, 'sealed')), Buffer.from('truncated'));
      return inner.read(name);
    },
    write: (name, value) => inner.write(name, value),
    remove: (name) => inner.remove(name),
  };
}

/**
 * Bob's store: the real file store with a ready-made identity, so no key is generated in this test, and a trust
 * file that does not parse.
 */
async function fixtureIdentityStore(dir: string): Promise<SecretStore> {
  const inner = new FileSecretStore(dir);
  await inner.write(trustSecretName(new URL(server.url).origin), '{"version":1,"peers":{"u1":');
  const stored = JSON.stringify({ version: 1, ...identities[1]!, createdAt: 1 });
  return {
    encrypted: false,
    read: (name) => (isIdentity(name) ? Promise.resolve(stored) : inner.read(name)),
    write: (name, value) => inner.write(name, value),
    remove: (name) => inner.remove(name),
  };
}

interface Party {
  core: AppCore;
  secretsDir: string;
  events: { name: EventName; payload: unknown }[];
  messages(roomId: string): Message[];
}

async function party(server: Server, user: string, secrets: (dir: string) => SecretStore | Promise<SecretStore>): Promise<Party> {
  const events: { name: EventName; payload: unknown }[] = [];
  const emit = <K extends EventName>(name: K, payload: EventPayload<K>) => void events.push({ name, payload });
  const profileDir = mkdtempSync(join(tmpdir(), `${user}-`));
  const secretsDir = join(profileDir, 'secrets');
  const core = await createAppCore({ profileDir, emit, secrets: await secrets(secretsDir) });
  expect(await core.handlers['auth.login']({ serverUrl: server.url, user, password: 'demo' })).toMatchObject({ ok: true });
  const messages = (roomId: string) =>
    events.filter((e) => e.name === 'chat.message').map((e) => e.payload as Message).filter((m) => m.roomId === roomId);
  return { core, secretsDir, events, messages };
}

let server: Server;
let alice: Party;
let bob: Party;
let roomId: string;

beforeAll(async () => {
  server = await startServer({ port: 0, seed: 'demo' });
  [alice, bob] = await Promise.all([party(server, 'alice', damagedIdentityStore), party(server, 'bob', fixtureIdentityStore)]);
  const room = await alice.core.handlers['rooms.startDirect']('bob');
  if (!room.ok) throw new Error('no DM');
  roomId = room.value.id;
  await alice.core.handlers['rooms.open'](roomId);
  await until(() => bob.core.rooms().some((r) => r.id === roomId), 'bob has the DM');
  await bob.core.handlers['rooms.open'](roomId);
});

afterAll(async () => {
  await alice?.core.dispose();
  await bob?.core.dispose();
  await server?.close();
});

describe('a trust file that does not parse', () => {
  it('is kept aside, and the user is told once', async () => {
    await until(() => bob.events.some((e) => e.name === 'otr.problem'), 'the problem is told');
    expect(bob.events.filter((e) => e.name === 'otr.problem').map((e) => e.payload)).toEqual([{ code: 'otr-trust-damaged' }]);
    expect((await readdir(bob.secretsDir)).filter((f) => f.startsWith('otr-trust') && f.includes('damaged'))).toHaveLength(1);
  });
});

describe('a damaged identity file', () => {
  it('is told once, clearly, and otr.start answers with its own code', async () => {
    await until(() => alice.events.some((e) => e.name === 'otr.problem'), 'the problem is told');
    expect(alice.events.filter((e) => e.name === 'otr.problem').map((e) => e.payload)).toEqual([{ code: 'otr-key-unreadable' }]);
    expect(await alice.core.handlers['otr.start'](roomId)).toEqual({ ok: false, error: { code: 'otr-key-unreadable' } });
    // A window that opens later still learns it.
    expect(await alice.core.handlers['otr.problems']()).toEqual({ ok: true, value: [{ code: 'otr-key-unreadable' }] });
    expect(await alice.core.handlers['otr.get'](roomId)).toMatchObject({ ok: true, value: { phase: 'idle' } });
  });

  it('keeps plain DM text working both ways', async () => {
    expect(await bob.core.handlers['chat.send'](roomId, 'hello alice')).toMatchObject({ ok: true });
    await until(() => alice.messages(roomId).some((m) => m.text === 'hello alice'), 'alice sees bob’s text');
    expect(alice.messages(roomId).find((m) => m.text === 'hello alice')).toMatchObject({ kind: 'text', own: false });

    const sent = await alice.core.handlers['chat.send'](roomId, 'hi bob');
    expect(sent).toMatchObject({ ok: true, value: { kind: 'text' } });
    await until(() => bob.messages(roomId).some((m) => m.text === 'hi bob'), 'bob sees alice’s text');
    await until(() => alice.messages(roomId).some((m) => m.text === 'hi bob' && m.status === 'sent'), 'alice’s is sent');
  });

  it('shows OTR text as a placeholder, never as text', async () => {
    // Bob's OTR request reaches alice as nothing at all (no dialog can follow without a key).
    expect(await bob.core.handlers['otr.start'](roomId)).toMatchObject({ ok: true, value: { phase: 'requesting' } });
    await bob.core.handlers['otr.cancel'](roomId);
    const data = '?OTR:AAMDAAABAAAAAQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.';
    expect(await bob.core.handlers['chat.send'](roomId, data)).toMatchObject({ ok: true });
    await until(() => alice.messages(roomId).some((m) => m.kind === 'unreadable-private'), 'the placeholder');
    expect(alice.messages(roomId).some((m) => m.text.includes('?OTR'))).toBe(false);
  });
});
