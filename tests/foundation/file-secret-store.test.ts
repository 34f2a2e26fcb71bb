import { mkdtemp, readFile, readdir, stat, writeFile } from 'node:fs/promises';
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

  it('keeps every name inside its folder, also names made of URLs and separators', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'secrets-'));
    const store = new FileSecretStore(dir);
    await store.write('../escape', 'a');
    await store.write('otr-identity:https://chat.example.org|u1', 'b');
    expect(await store.read('../escape')).toBe('a');
    expect(await store.read('otr-identity:https://chat.example.org|u1')).toBe('b');
    expect((await readdir(dir)).every((f) => !f.includes('/') && !f.includes(':') && !f.startsWith('..'))).toBe(true);
  });
});

describe('file secret store: a damaged key file', () => {
  it.each([['empty', 0], ['truncated', 16], ['too long', 33]])('is an error, never silently replaced (%s)', async (_label, length) => {
    const dir = await mkdtemp(join(tmpdir(), 'secrets-'));
    await new FileSecretStore(dir).write('identity', 'very-secret-dsa-key');
    const keyFile = join(dir, 'secret-store.key');
    const damaged = (await readFile(keyFile)).subarray(0, length);
    await writeFile(keyFile, Buffer.concat([damaged, Buffer.alloc(Math.max(0, length - 32), 1)]));
    const before = await readFile(keyFile);
    const store = new FileSecretStore(dir);
    await expect(store.read('identity')).rejects.toThrow(/key file .* damaged/);
    await expect(store.write('token', 't')).rejects.toThrow(/key file .* damaged/);
    expect(await readFile(keyFile)).toEqual(before);
  });
});
