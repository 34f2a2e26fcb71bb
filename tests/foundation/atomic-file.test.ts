import type * as FsPromises from 'node:fs/promises';
import { mkdtemp, readFile, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';

/** Makes the next fsync fail as a full or failing disk would. */
const disk = vi.hoisted(() => ({ failSync: false }));
vi.mock('node:fs/promises', async (importOriginal) => {
  const fs = await importOriginal<typeof FsPromises>();
  return {
    ...fs,
    open: async (...args: Parameters<typeof fs.open>) => {
      const handle = await fs.open(...args);
      if (!disk.failSync) return handle;
      return {
        writeFile: handle.writeFile.bind(handle),
        close: handle.close.bind(handle),
        sync: async () => {
          throw Object.assign(new Error('EIO: i/o error, fsync'), { code: 'EIO' });
        },
      };
    },
  };
});

const { writeFileAtomic } = await import('../../src/main/storage/atomic-file.js');

afterEach(() => {
  disk.failSync = false;
});

describe('atomic file writes', () => {
  it('leave no temporary file behind when the write fails, and the old file as it was', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'atomic-'));
    const file = join(dir, 'identity.sealed');
    await writeFileAtomic(file, 'old');
    disk.failSync = true;
    await expect(writeFileAtomic(file, 'new secret')).rejects.toThrow('EIO');
    expect(await readdir(dir)).toEqual(['identity.sealed']);
    expect(await readFile(file, 'utf8')).toBe('old');
  });
});
