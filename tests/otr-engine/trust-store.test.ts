import { describe, expect, it } from 'vitest';
import { createTrustStore, trustSecretName, type TrustDamage } from '../../src/otr/trust/trust-store.js';
import { MemorySecrets } from './memory-secrets.js';

const FP1 = '6CC76B7B49A77990AAAAAAAABBBBBBBBCCCCCCCC';
const FP2 = '1111111122222222333333334444444455555555';

describe('trust store', () => {
  it('remembers a key unverified once, and verification belongs to that exact key', async () => {
    let clock = 1000;
    const store = createTrustStore(new MemorySecrets(), 'https://chat.example.org', { now: () => clock });
    await store.remember('u1', 'bob', FP1.toLowerCase());
    await store.remember('u1', 'bob', FP1);
    await store.setVerified('u1', FP1.match(/.{8}/g)!.join(' '), true);
    expect(await store.list('u1')).toEqual([{ userId: 'u1', username: 'bob', fingerprint: FP1, verified: true, firstSeenAt: 1000, inUse: false }]);

    clock = 2000;
    await store.remember('u1', 'bobby', FP2);
    expect(await store.list('u1')).toMatchObject([
      { fingerprint: FP1, verified: true, username: 'bobby' },
      { fingerprint: FP2, verified: false, firstSeenAt: 2000 },
    ]);
  });

  it('persists through the secret store and is read back by a new instance', async () => {
    const secrets = new MemorySecrets();
    const one = createTrustStore(secrets, 'srv');
    await one.remember('u1', 'bob', FP1);
    await one.setVerified('u1', FP1, true);
    await one.remember('u2', 'carol', FP2);
    const two = createTrustStore(secrets, 'srv');
    expect((await two.list()).map((k) => [k.userId, k.fingerprint, k.verified])).toEqual([
      ['u1', FP1, true],
      ['u2', FP2, false],
    ]);
    // Another server shares nothing.
    expect(await createTrustStore(secrets, 'other').list()).toEqual([]);
  });

  it('refuses to verify an unseen key or forget one in use, and forgets otherwise', async () => {
    const store = createTrustStore(new MemorySecrets(), 'srv', { inUse: (_u, fp) => fp === FP1 });
    await store.remember('u1', 'bob', FP1);
    await store.remember('u1', 'bob', FP2);
    await expect(store.setVerified('u1', 'F'.repeat(40), true)).rejects.toThrow(/never seen/);
    await expect(store.setVerified('u1', 'not a fingerprint', true)).rejects.toThrow(/Not an OTR fingerprint/);
    await expect(store.forget('u1', FP1)).rejects.toThrow(/open private session/);
    expect((await store.list('u1')).map((k) => [k.fingerprint, k.inUse])).toEqual([[FP1, true], [FP2, false]]);
    await store.forget('u1', FP2);
    expect((await store.list('u1')).map((k) => k.fingerprint)).toEqual([FP1]);
  });

  it('keeps concurrent updates', async () => {
    const secrets = new MemorySecrets();
    const store = createTrustStore(secrets, 'srv');
    await Promise.all(Array.from({ length: 20 }, (_, i) => store.remember(`u${i}`, `user${i}`, FP1)));
    expect(await createTrustStore(secrets, 'srv').list()).toHaveLength(20);
  });

  it('sets a damaged file aside under another name and says so, instead of overwriting it', async () => {
    const secrets = new MemorySecrets();
    const damagedText = '{"version":1,"peers":{"u1":{"username":"x","keys":[{"fingerprint":"zz","verified":true}]}}}';
    await secrets.write(trustSecretName('bad'), damagedText);
    const told: TrustDamage[] = [];
    const store = createTrustStore(secrets, 'bad', { now: () => 42, onDamaged: (d) => told.push(d) });
    expect(await store.list()).toEqual([]);
    await store.remember('u2', 'carol', FP2);
    expect(told).toEqual([{ kind: 'set-aside', keptAs: `${trustSecretName('bad')}:damaged-42` }]);
    expect(secrets.data.get(`${trustSecretName('bad')}:damaged-42`)).toBe(damagedText);
    expect((await createTrustStore(secrets, 'bad').list()).map((k) => k.fingerprint)).toEqual([FP2]);
  });

  it('never overwrites a file it cannot read at all, and says so once', async () => {
    const secrets = new MemorySecrets();
    await secrets.write(trustSecretName('sealed'), 'sealed under another key');
    const failing = { ...secrets, encrypted: true, read: () => Promise.reject(new Error('Unsupported state or unable to authenticate data')), write: secrets.write.bind(secrets), remove: secrets.remove.bind(secrets) };
    const told: TrustDamage[] = [];
    const store = createTrustStore(failing, 'sealed', { onDamaged: (d) => told.push(d) });
    await store.remember('u1', 'bob', FP1);
    expect(await store.list()).toMatchObject([{ fingerprint: FP1 }]);
    expect(told).toEqual([{ kind: 'unreadable' }]);
    expect(secrets.data.get(trustSecretName('sealed'))).toBe('sealed under another key');
  });
});
