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

async function loadOrCreateKey(path: string): Promise<Buffer> {
  const existing = await readFileIfExists(path);
  if (existing?.length === 32) return existing;
  const key = randomBytes(32);
  await writeFileAtomic(path, key);
  return key;
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
