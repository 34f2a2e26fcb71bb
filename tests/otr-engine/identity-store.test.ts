import { describe, expect, it } from 'vitest';
import type { KeygenProgress } from '../../src/contract/model.js';
import { createWorkerEngine } from '../../src/otr/engine/index.js';
import {
  accountKeyOf,
  forgetIdentity,
  identitySecretName,
  IdentityUnusableError,
  loadOrCreateIdentity,
  readOwnFingerprint,
} from '../../src/otr/identity/identity-store.js';
import type { Identity, OtrEngine } from '../../src/otr/ports.js';
import { alice } from './helpers.js';
import { MemorySecrets } from './memory-secrets.js';

const account = accountKeyOf('https://chat.example.org/', 'user-1');

/** Only the identity half of an engine, counting keygens. */
function fakeEngine(make: () => Identity = () => alice): OtrEngine & { generated: number; used: Identity[] } {
  const fake = {
    generated: 0,
    used: [] as Identity[],
    generateIdentity: () => {
      fake.generated++;
      return new Promise<Identity>((resolve, reject) =>
        setTimeout(() => {
          try {
            resolve(make());
          } catch (error) {
            reject(error as Error);
          }
        }, 10),
      );
    },
    useIdentity: (identity: Identity) => {
      // Like the real engine: a key whose fingerprint is not its own is refused.
      if (identity.fingerprint === 'A'.repeat(40)) return Promise.reject(new Error('does not match'));
      fake.used.push(identity);
      return Promise.resolve();
    },
  };
  return fake as unknown as OtrEngine & { generated: number; used: Identity[] };
}

describe('identity storage', () => {
  it('generates one key per account in the worker, stores it, and loads the same key next time', async () => {
    const secrets = new MemorySecrets();
    const progress: KeygenProgress[] = [];
    const first = createWorkerEngine();
    let created: Identity;
    try {
      created = await loadOrCreateIdentity(first, secrets, account, (p) => progress.push(p));
    } finally {
      await first.dispose();
    }
    expect(progress.map((p) => p.phase)).toEqual(['generating', 'ready']);
    expect(await readOwnFingerprint(secrets, account)).toBe(created.fingerprint);

    const second = fakeEngine();
    const again = await loadOrCreateIdentity(second, secrets, account);
    expect(second.generated).toBe(0);
    expect(again).toEqual(created);
    expect(await readOwnFingerprint(secrets, accountKeyOf('https://chat.example.org', 'user-2'))).toBeNull();
  });

  it('generates only once when asked twice at the same time', async () => {
    const secrets = new MemorySecrets();
    const engine = fakeEngine();
    const [x, y] = await Promise.all([loadOrCreateIdentity(engine, secrets, account), loadOrCreateIdentity(engine, secrets, account)]);
    expect(engine.generated).toBe(1);
    expect(x.fingerprint).toBe(y.fingerprint);
    expect(secrets.writes).toBe(1);
  });

  it('never replaces a damaged identity silently', async () => {
    const secrets = new MemorySecrets();
    await secrets.write(identitySecretName(account), '{"version":1,"packedKey":"trunc');
    const engine = fakeEngine();
    await expect(loadOrCreateIdentity(engine, secrets, account)).rejects.toBeInstanceOf(IdentityUnusableError);
    expect(engine.generated).toBe(0);
    expect(secrets.data.get(identitySecretName(account))).toContain('trunc');

    await secrets.write(identitySecretName(account), JSON.stringify({ version: 1, ...alice, fingerprint: 'A'.repeat(40), createdAt: 1 }));
    await expect(loadOrCreateIdentity(engine, secrets, account)).rejects.toThrow(/cannot be used/);

    await forgetIdentity(secrets, account);
    const fresh = await loadOrCreateIdentity(engine, secrets, account);
    expect(fresh.fingerprint).toBe(alice.fingerprint);
    expect(engine.generated).toBe(1);
  });

  it('tells the UI when key generation fails', async () => {
    const progress: string[] = [];
    const engine = fakeEngine(() => {
      throw new Error('no entropy');
    });
    await expect(loadOrCreateIdentity(engine, new MemorySecrets(), account, (p) => progress.push(p.phase))).rejects.toThrow();
    expect(progress).toEqual(['generating', 'failed']);
  });
});
