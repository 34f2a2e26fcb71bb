import { mkdtemp, readFile, readdir, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FileSecretStore } from '../../src/main/storage/file-secret-store.js';

describe('file secret store (browser host fallback)', () => {
  it('round-trips a secret without writing it in the clear, with owner-only files', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'secrets-'));
    const store = new FileSecretStore(dir);
    await store.write('identity', 'very-secret-dsa-key');
    expect(await store.read('identity')).toBe('very-secret-dsa-key');
    expect(await new FileSecretStore(dir).read('identity')).toBe('very-secret-dsa-key');
    for (const file of await readdir(dir)) {
      expect((await readFile(join(dir, file))).toString('latin1')).not.toContain('very-secret');
      expect((await stat(join(dir, file))).mode & 0o777).toBe(0o600);
    }
    expect(store.encrypted).toBe(false);
  });

  it('returns null for a missing secret and forgets removed ones', async () => {
    const store = new FileSecretStore(await mkdtemp(join(tmpdir(), 'secrets-')));
    expect(await store.read('token')).toBeNull();
    await store.write('token', 't');
    await store.remove('token');
    expect(await store.read('token')).toBeNull();
  });

  it('refuses names that could escape its folder', async () => {
    const store = new FileSecretStore(await mkdtemp(join(tmpdir(), 'secrets-')));
    await expect(store.write('../escape', 'x')).rejects.toThrow('invalid secret name');
  });
});
