// SecretStore on Electron's safeStorage (Keychain, DPAPI, libsecret/kwallet). On Linux without a keyring
// safeStorage falls back to 'basic_text', which is effectively plaintext: we report that so the UI warns.
import { safeStorage } from 'electron';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { SecretStore } from '../../otr/ports.js';
import { readFileIfExists, writeFileAtomic } from '../storage/atomic-file.js';
import { secretFileName } from '../storage/secret-file-name.js';


export class SafeStorageSecretStore implements SecretStore {
  readonly encrypted: boolean;

  constructor(private readonly dir: string) {
    const backend = process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : 'os';
    this.encrypted = safeStorage.isEncryptionAvailable() && backend !== 'basic_text' && backend !== 'unknown';
  }

  async read(name: string): Promise<string | null> {
    const sealed = await readFileIfExists(this.pathOf(name));
    return sealed ? safeStorage.decryptString(sealed) : null;
  }

  async write(name: string, value: string): Promise<void> {
    await writeFileAtomic(this.pathOf(name), safeStorage.encryptString(value));
  }

  async remove(name: string): Promise<void> {
    await rm(this.pathOf(name), { force: true });
  }

  private pathOf(name: string): string {
    return join(this.dir, secretFileName(name, 'safe'));
  }
}
