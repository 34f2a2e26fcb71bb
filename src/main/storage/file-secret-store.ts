// SecretStore for places without Electron's safeStorage: the browser host, tests, benchmarks.
// Values are sealed with AES-256-GCM under a key kept in a sibling file. Anyone who can read the
// profile folder can read both, so this only keeps secrets off casual view: callers must warn loudly.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { SecretStore } from '../../otr/ports.js';
import { readFileIfExists, writeFileAtomic } from './atomic-file.js';
import { secretFileName } from './secret-file-name.js';

const KEY_FILE = 'secret-store.key';

export const FILE_STORE_WARNING =
  'Secrets (OTR identity key, sign-in token) are stored in a key file, not in an OS keyring. ' +
  'Anyone who can read this profile folder can read them.';

export class FileSecretStore implements SecretStore {
  readonly encrypted = false;
  private keyPromise: Promise<Buffer> | undefined;

  constructor(private readonly dir: string) {}

  async read(name: string): Promise<string | null> {
    const sealed = await readFileIfExists(this.pathOf(name));
    if (!sealed) return null;
    return open(await this.key(), sealed);
  }

  async write(name: string, value: string): Promise<void> {
    await writeFileAtomic(this.pathOf(name), seal(await this.key(), value));
  }

  async remove(name: string): Promise<void> {
    await rm(this.pathOf(name), { force: true });
  }

  private pathOf(name: string): string {
    return join(this.dir, secretFileName(name, 'sealed'));
  }

  private key(): Promise<Buffer> {
    this.keyPromise ??= loadOrCreateKey(join(this.dir, KEY_FILE));
    return this.keyPromise;
  }
}

const KEY_BYTES = 32;

/**
 * The key, made on first use. A key file of another length is damaged or not ours: an error, never replaced, since
 * a new key would make every secret sealed with the old one unreadable for good.
 */
async function loadOrCreateKey(path: string): Promise<Buffer> {
  const existing = await readFileIfExists(path);
  if (existing === null) {
    const key = randomBytes(KEY_BYTES);
    await writeFileAtomic(path, key);
    return key;
  }
  if (existing.length !== KEY_BYTES) {
    throw new Error(`the secret-store key file ${path} holds ${existing.length} bytes, not ${KEY_BYTES}: it is damaged`);
  }
  return existing;
}

function seal(key: Buffer, value: string): Buffer {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(value, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]);
}

function open(key: Buffer, sealed: Buffer): string {
  const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, 12));
  decipher.setAuthTag(sealed.subarray(12, 28));
  return Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]).toString('utf8');
}
