import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

import { parseEJSON } from '../util/ejson.js';
import type { Snapshot } from './types.js';

// Writes at most this often under a burst of changes; the first change in a quiet period starts the clock.
const DEBOUNCE_MS = 200;

/** Reads a data file; a missing file means "start empty" and yields undefined. */
export async function readSnapshot(file: string): Promise<Snapshot | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  const parsed = parseEJSON(text) as Partial<Snapshot>;
  if (parsed.format !== 1) throw new Error(`Unsupported data file format in ${file}`);
  return parsed as Snapshot;
}

/** Writes through a temporary file and a rename, so a crash never leaves a half-written data file. */
async function writeAtomically(file: string, text: string): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.${Date.now()}.tmp`;
  await writeFile(temp, text, 'utf8');
  await rename(temp, file);
}

/** Debounced, serialised saving of snapshots to one file. */
export class SnapshotWriter {
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> = Promise.resolve();
  private dirty = false;

  constructor(
    private readonly file: string,
    private readonly serialize: () => string,
  ) {}

  /** Marks the state changed; the write happens shortly after the last change in a burst. */
  schedule(): void {
    this.dirty = true;
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.flush().catch((err: unknown) => console.error('[server] saving data file failed:', err));
    }, DEBOUNCE_MS);
  }

  /** Writes now if anything changed, after any write already in progress. */
  async flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    const run = async (): Promise<void> => {
      if (!this.dirty) return;
      this.dirty = false;
      await writeAtomically(this.file, this.serialize());
    };
    this.writing = this.writing.then(run, run);
    await this.writing;
  }
}
