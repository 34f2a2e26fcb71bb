// One long-term OTR identity per account (server + user id): generated once, off the main thread,
// kept through the SecretStore (encrypted at rest), and loaded into the engine. Never logged.
import { z } from 'zod';
import type { Fingerprint, KeygenProgress } from '../../contract/model.js';
import type { Identity, OtrEngine, SecretStore } from '../ports.js';

const StoredIdentity = z.object({
  version: z.literal(1),
  packedKey: z.string().min(100),
  instanceTagHex: z.string().regex(/^[0-9a-f]{8}$/),
  fingerprint: z.string().regex(/^[0-9A-F]{40}$/),
  createdAt: z.number(),
});

/** The account an identity belongs to: the server and the user id there. */
export function accountKeyOf(serverUrl: string, userId: string): string {
  return `${new URL(serverUrl).origin}|${userId}`;
}

export function identitySecretName(accountKey: string): string {
  return `otr-identity:${accountKey}`;
}

/** The stored identity exists but cannot be used: the caller decides whether to replace it. */
export class IdentityUnusableError extends Error {
  constructor(reason: string) {
    super(`The stored OTR identity of this account cannot be used: ${reason}`);
    this.name = 'IdentityUnusableError';
  }
}

async function readStored(secrets: SecretStore, accountKey: string): Promise<Identity | null> {
  let raw: string | null;
  try {
    raw = await secrets.read(identitySecretName(accountKey));
  } catch {
    // Truncated, or sealed with another key: the secret store cannot open it.
    throw new IdentityUnusableError('it cannot be decrypted');
  }
  if (raw === null) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new IdentityUnusableError('it is not readable');
  }
  const result = StoredIdentity.safeParse(parsed);
  if (!result.success) throw new IdentityUnusableError('it is incomplete');
  const { packedKey, instanceTagHex, fingerprint } = result.data;
  return { packedKey, instanceTagHex, fingerprint };
}

/** Our own fingerprint, without touching the engine; null before the first key exists. */
export async function readOwnFingerprint(secrets: SecretStore, accountKey: string): Promise<Fingerprint | null> {
  return (await readStored(secrets, accountKey))?.fingerprint ?? null;
}

/** Calls in flight per store and account, so two callers never generate two keys. */
const inFlight = new WeakMap<SecretStore, Map<string, Promise<Identity>>>();

/**
 * Loads the account's identity into the engine, generating and storing one first if there is none.
 * Key generation takes seconds in the worker; `onProgress` tells the UI. Resolves with the identity
 * (its fingerprint is what the user shows to peers); rejects with IdentityUnusableError if the stored
 * one is damaged — it is never silently replaced, since peers would see a new key.
 */
export function loadOrCreateIdentity(
  engine: OtrEngine,
  secrets: SecretStore,
  accountKey: string,
  onProgress?: (progress: KeygenProgress) => void,
): Promise<Identity> {
  const running = inFlight.get(secrets) ?? new Map<string, Promise<Identity>>();
  inFlight.set(secrets, running);
  const existing = running.get(accountKey);
  if (existing !== undefined) return existing;
  const work = loadOrCreate(engine, secrets, accountKey, onProgress).finally(() => running.delete(accountKey));
  running.set(accountKey, work);
  return work;
}

async function loadOrCreate(
  engine: OtrEngine,
  secrets: SecretStore,
  accountKey: string,
  onProgress?: (progress: KeygenProgress) => void,
): Promise<Identity> {
  const stored = await readStored(secrets, accountKey);
  if (stored !== null) {
    try {
      await engine.useIdentity(stored);
    } catch (error) {
      throw new IdentityUnusableError(error instanceof Error ? error.message : 'the engine refused it');
    }
    return stored;
  }
  onProgress?.({ phase: 'generating' });
  try {
    const identity = await engine.generateIdentity();
    await storeIdentity(secrets, accountKey, identity);
    await engine.useIdentity(identity);
    onProgress?.({ phase: 'ready' });
    return identity;
  } catch (error) {
    onProgress?.({ phase: 'failed' });
    throw error;
  }
}

/** Keeps `identity` as the account's key: the next loadOrCreateIdentity loads it instead of making one. */
export async function storeIdentity(secrets: SecretStore, accountKey: string, identity: Identity): Promise<void> {
  const record: z.infer<typeof StoredIdentity> = { version: 1, ...identity, createdAt: Date.now() };
  await secrets.write(identitySecretName(accountKey), JSON.stringify(record));
}

/** Deletes the account's identity; the next loadOrCreateIdentity makes a new key (peers will notice). */
export async function forgetIdentity(secrets: SecretStore, accountKey: string): Promise<void> {
  await secrets.remove(identitySecretName(accountKey));
}
