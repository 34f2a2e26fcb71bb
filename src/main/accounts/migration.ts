// Carries a profile of the single-server version over: its secrets folder (stored sign-in, OTR identity keys,
// trust stores) becomes the folder of the first account; settings and window state stay where they are, as the
// user's. Copy, check, then commit by writing the account list; only then are the old files removed. If any step
// before the commit fails, what was copied is removed and the old files are exactly as they were.
import { cp, readdir, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { accountDir, ACCOUNTS_DIR, readAccountList, writeAccountList } from './account-list-file.js';

/** The folder the single-server version kept its secrets in (and the account core still uses, per account). */
export const SECRETS_DIR = 'secrets';

export type MigrationOutcome = { kind: 'none' } | { kind: 'migrated'; accountId: string } | { kind: 'failed'; reason: string };

/** Whether `profileDir` holds the secrets of the single-server version that have not been carried over. */
export async function hasSingleServerProfile(profileDir: string): Promise<boolean> {
  const entries = await readdir(join(profileDir, SECRETS_DIR)).catch(() => []);
  return entries.length > 0;
}

export async function migrateSingleServerProfile(profileDir: string, newId: () => string): Promise<MigrationOutcome> {
  if (!(await hasSingleServerProfile(profileDir))) return { kind: 'none' };
  const from = join(profileDir, SECRETS_DIR);
  const accountId = newId();
  const staging = join(profileDir, ACCOUNTS_DIR, `.migrating-${accountId}`);
  const target = accountDir(profileDir, accountId);
  try {
    await cp(from, join(staging, SECRETS_DIR), { recursive: true, errorOnExist: true, force: false });
    await assertSameFiles(from, join(staging, SECRETS_DIR));
    await rename(staging, target);
    // First in the rail and on screen; accounts added after an earlier failed attempt stay.
    const existing = (await readAccountList(profileDir))?.order ?? [];
    await writeAccountList(profileDir, { order: [accountId, ...existing], activeId: accountId });
  } catch (err) {
    await rm(target, { recursive: true, force: true }).catch(() => undefined);
    await rm(staging, { recursive: true, force: true }).catch(() => undefined);
    const reason = err instanceof Error ? err.message : 'unknown error';
    console.warn(`accounts: the earlier profile could not be carried over; its files are untouched (${reason})`);
    return { kind: 'failed', reason };
  }
  // Committed: the copy is the account now. A leftover old copy would keep a sign-in token around: say so.
  await rm(from, { recursive: true, force: true }).catch((err: unknown) => {
    console.warn(`accounts: carried over, but the old secrets folder could not be removed: ${(err as Error).message}`);
  });
  return { kind: 'migrated', accountId };
}

/** Every file of `a` is in `b` with the same bytes (a short copy must not pass for a migration). */
async function assertSameFiles(a: string, b: string): Promise<void> {
  for (const entry of await readdir(a, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const relative = join(entry.parentPath, entry.name).slice(a.length);
    const [left, right] = await Promise.all([readFile(join(a, relative)), readFile(join(b, relative))]);
    if (!left.equals(right)) throw new Error(`copy of ${relative} differs`);
  }
}
