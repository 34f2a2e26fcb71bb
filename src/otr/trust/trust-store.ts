// Known fingerprints per (server, peer user), persisted as JSON through the SecretStore.
// "Verified" belongs to one exact fingerprint: a new key of the same peer starts unverified.
// Only keys the user trusts are stored: the first key of a peer once its session is private, a changed key
// only when the user accepts or verifies it (room sessions decide; this store never records on its own).
import { z } from 'zod';
import type { Fingerprint, KnownFingerprint } from '../../contract/model.js';
import { normalizeFingerprint } from '../fingerprint.js';
import type { SecretStore, TrustStore } from '../ports.js';

const StoredKey = z.object({ fingerprint: z.string().regex(/^[0-9A-F]{40}$/), verified: z.boolean(), firstSeenAt: z.number() });
const StoredTrust = z.object({
  version: z.literal(1),
  peers: z.record(z.string(), z.object({ username: z.string(), keys: z.array(StoredKey) })),
});
type StoredTrust = z.infer<typeof StoredTrust>;

/** Why the stored trust could not be used: it was set aside under `keptAs`, or could not be read at all. */
export type TrustDamage = { kind: 'set-aside'; keptAs: string } | { kind: 'unreadable' };

export interface TrustStoreOptions {
  /** Whether an open session uses this key right now (it cannot be forgotten then). */
  inUse?: (peerUserId: string, fingerprint: Fingerprint) => boolean;
  now?: () => number;
  /** The stored trust was damaged; told once per store, so the user learns known keys are forgotten. */
  onDamaged?: (damage: TrustDamage) => void;
}

export function trustSecretName(serverKey: string): string {
  return `otr-trust:${serverKey}`;
}

function fingerprintOrThrow(input: string): Fingerprint {
  const fingerprint = normalizeFingerprint(input);
  if (fingerprint === null) throw new Error('Not an OTR fingerprint');
  return fingerprint;
}

/** A TrustStore for one server (`serverKey`, e.g. its origin). */
export function createTrustStore(secrets: SecretStore, serverKey: string, options: TrustStoreOptions = {}): TrustStore {
  const inUse = options.inUse ?? (() => false);
  const now = options.now ?? Date.now;
  const name = trustSecretName(serverKey);
  let cache: StoredTrust | null = null;
  /** The stored value could not even be read: it is never overwritten, changes live in memory only. */
  let frozen = false;
  /** Every read-modify-write runs after the previous one: no lost updates. */
  let queue: Promise<unknown> = Promise.resolve();

  async function load(): Promise<StoredTrust> {
    if (cache !== null) return cache;
    let raw: string | null;
    try {
      raw = await secrets.read(name);
    } catch {
      frozen = true;
      return damaged({ kind: 'unreadable' });
    }
    if (raw === null) return (cache = empty());
    const parsed = StoredTrust.safeParse(safeJson(raw));
    if (parsed.success) return (cache = parsed.data);
    // A damaged file must not pass for "verified", nor be overwritten: a copy stays for the user to inspect.
    const keptAs = `${name}:damaged-${now()}`;
    await secrets.write(keptAs, raw);
    return damaged({ kind: 'set-aside', keptAs });
  }

  function damaged(damage: TrustDamage): StoredTrust {
    console.warn(`OTR trust store: the stored known keys ${damage.kind === 'unreadable' ? 'cannot be read' : 'are damaged'}; starting without them`);
    options.onDamaged?.(damage);
    return (cache = empty());
  }

  function serial<T>(work: () => Promise<T>): Promise<T> {
    const next = queue.then(work, work);
    queue = next.catch(() => undefined);
    return next;
  }

  async function save(state: StoredTrust): Promise<void> {
    if (frozen) return;
    await secrets.write(name, JSON.stringify(state));
  }

  function view(state: StoredTrust, peerUserId: string): KnownFingerprint[] {
    const peer = state.peers[peerUserId];
    if (peer === undefined) return [];
    return peer.keys.map((k) => ({ userId: peerUserId, username: peer.username, ...k, inUse: inUse(peerUserId, k.fingerprint) }));
  }

  return {
    list: (peerUserId) =>
      serial(async () => {
        const state = await load();
        const ids = peerUserId === undefined ? Object.keys(state.peers) : [peerUserId];
        return ids.flatMap((id) => view(state, id));
      }),

    remember: (peerUserId, username, input) =>
      serial(async () => {
        const fingerprint = fingerprintOrThrow(input);
        const state = await load();
        const peer = (state.peers[peerUserId] ??= { username, keys: [] });
        const isNew = !peer.keys.some((k) => k.fingerprint === fingerprint);
        if (isNew) peer.keys.push({ fingerprint, verified: false, firstSeenAt: now() });
        if (isNew || peer.username !== username) {
          peer.username = username;
          await save(state);
        }
      }),

    setVerified: (peerUserId, input, verified) =>
      serial(async () => {
        const fingerprint = fingerprintOrThrow(input);
        const state = await load();
        const key = state.peers[peerUserId]?.keys.find((k) => k.fingerprint === fingerprint);
        if (key === undefined) throw new Error('This fingerprint was never seen for this contact');
        if (key.verified === verified) return;
        key.verified = verified;
        await save(state);
      }),

    forget: (peerUserId, input) =>
      serial(async () => {
        const fingerprint = fingerprintOrThrow(input);
        if (inUse(peerUserId, fingerprint)) throw new Error('This key is used by an open private session');
        const state = await load();
        const peer = state.peers[peerUserId];
        if (peer === undefined) return;
        const keys = peer.keys.filter((k) => k.fingerprint !== fingerprint);
        if (keys.length === peer.keys.length) return;
        if (keys.length === 0) delete state.peers[peerUserId];
        else peer.keys = keys;
        await save(state);
      }),
  };
}

function empty(): StoredTrust {
  return { version: 1, peers: {} };
}

function safeJson(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return null;
  }
}
