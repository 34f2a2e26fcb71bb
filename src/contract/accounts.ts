// The accounts (one per signed-in server) and how the contract addresses them. A call or event that concerns
// one account carries its id next to the name and arguments, never inside them, so each call keeps its
// argument tuple; app-level calls and events (the rail, the user's settings, shell) carry none. An account's own
// settings are `accountSettings.*`, so they are routed to that account like every other account call.
import { z } from 'zod';
import type { ConnectionState } from './model.js';

export const AccountId = z.string().regex(/^[a-z0-9]{8,32}$/);
export type AccountId = z.infer<typeof AccountId>;

/** What the server rail shows of one account. */
export const AccountSummary = z.object({
  id: AccountId,
  /** Absent until the account has signed in once (a new server being added). */
  serverUrl: z.string().max(2048).optional(),
  username: z.string().max(256).optional(),
  /** Unread messages over all its rooms. */
  unread: z.number().int().nonnegative(),
  connection: z.enum(['signed-out', 'connecting', 'online', 'reconnecting', 'offline'] satisfies ConnectionState['kind'][]),
});
export type AccountSummary = z.infer<typeof AccountSummary>;

export const AccountsState = z.object({
  /** In rail order. Never empty: without any server there is one waiting to be signed in to. */
  accounts: z.array(AccountSummary),
  activeId: AccountId,
  /** The single-server profile of an earlier version could not be carried over; its files are untouched. */
  migrationFailed: z.boolean(),
});
export type AccountsState = z.infer<typeof AccountsState>;

/** Name prefixes of the calls that concern the app, not one account. */
const APP_CALL_PREFIXES = ['accounts.', 'settings.', 'shell.'] as const;
export type AppCallPrefix = (typeof APP_CALL_PREFIXES)[number];

export function isAppCallName(name: string): boolean {
  return APP_CALL_PREFIXES.some((prefix) => name.startsWith(prefix));
}

/** The app-level events; every other event belongs to one account. */
export const APP_EVENT_NAMES = ['accounts.changed', 'settings.changed'] as const;

export function isAppEventName(name: string): boolean {
  return (APP_EVENT_NAMES as readonly string[]).includes(name);
}
