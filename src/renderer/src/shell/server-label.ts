// How the rail names a server: its host for people, two characters for the icon.
import type { AccountSummary } from '../../../contract/accounts.js';

/** hostname[:port] of the account's server, or null before its first sign-in. */
export function serverName(account: Pick<AccountSummary, 'serverUrl'>): string | null {
  if (!account.serverUrl) return null;
  try {
    return new URL(account.serverUrl).host;
  } catch {
    return account.serverUrl;
  }
}

const GENERIC_LABELS = new Set(['www', 'chat', 'open', 'rocket', 'rocketchat', 'im']);

/**
 * Two characters for the icon: the first meaningful part of the host name ("chat.acme.org" → "AC"); for a
 * server addressed by IP or localhost, its port ("127.0.0.1:3301" → "01"), which is what tells such servers apart.
 */
export function serverInitials(account: Pick<AccountSummary, 'serverUrl'>): string {
  if (!account.serverUrl) return '…';
  let url: URL;
  try {
    url = new URL(account.serverUrl);
  } catch {
    return '?';
  }
  const host = url.hostname;
  if (host === 'localhost' || /^[0-9.]+$/.test(host) || host.includes(':')) return (url.port || host).slice(-2);
  const labels = host.split('.');
  const label = labels.find((part, i) => !GENERIC_LABELS.has(part) && i < labels.length - 1) ?? labels[0] ?? host;
  return label.slice(0, 2).toUpperCase();
}
