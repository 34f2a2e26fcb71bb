// accounts.json in the profile: which accounts exist, in rail order, and which one is on screen. Not secret
// (ids only); each account's own data is in accounts/<id>/.
import { join } from 'node:path';
import { z } from 'zod';
import { AccountId } from '../../contract/accounts.js';
import { readFileIfExists, writeFileAtomic } from '../storage/atomic-file.js';

export const ACCOUNT_LIST_FILE = 'accounts.json';
export const ACCOUNTS_DIR = 'accounts';

const StoredList = z.object({ version: z.literal(1), order: z.array(AccountId), activeId: AccountId.nullable() });
export type AccountList = Omit<z.infer<typeof StoredList>, 'version'>;

export function accountDir(profileDir: string, id: string): string {
  return join(profileDir, ACCOUNTS_DIR, AccountId.parse(id));
}

/** The stored list; null when there is none yet (a new profile, or one from the single-server version). */
export async function readAccountList(profileDir: string): Promise<AccountList | null> {
  const raw = await readFileIfExists(join(profileDir, ACCOUNT_LIST_FILE));
  if (!raw) return null;
  try {
    const { order, activeId } = StoredList.parse(JSON.parse(raw.toString('utf8')));
    return { order: [...new Set(order)], activeId };
  } catch {
    // Unreadable: the account folders are still there; start from none rather than refuse to start.
    console.warn('accounts: the account list is unreadable; starting with none');
    return { order: [], activeId: null };
  }
}

export function writeAccountList(profileDir: string, list: AccountList): Promise<void> {
  return writeFileAtomic(join(profileDir, ACCOUNT_LIST_FILE), JSON.stringify({ version: 1, ...list }, null, 2));
}
