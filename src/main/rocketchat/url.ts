// Turns what a user types into the server's base URL, and derives the DDP socket URL from it.
import type { ErrorInfo } from '../../contract/model.js';

export type NormalizedUrl = { ok: true; url: string } | { ok: false; error: ErrorInfo };

/** Path segments of the Rocket.Chat web client: a pasted browser URL is cut where one of these starts. */
const WEB_CLIENT_ROUTES = new Set([
  'home', 'channel', 'group', 'direct', 'login', 'register', 'admin', 'account', 'directory', 'marketplace',
  'omnichannel', 'live', 'invite', 'reset-password', 'setup-wizard', 'apps', 'api', 'websocket', 'sockjs',
]);

const SCHEME = /^([a-z][a-z0-9+.-]*):\/\//i;

function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname.endsWith('.localhost') || /^127\.\d+\.\d+\.\d+$/.test(hostname)
    || hostname === '[::1]';
}

function invalid(detail: string): NormalizedUrl {
  return { ok: false, error: { code: 'invalid-url', detail } };
}

/**
 * `chat.example.org` → `https://chat.example.org`; `https://x.org/chat/home/` → `https://x.org/chat`;
 * `localhost:3000` → `http://localhost:3000`. Plain http is only accepted for this computer: the login token would
 * otherwise cross the network in clear text.
 */
export function normalizeServerUrl(input: string): NormalizedUrl {
  const trimmed = input.trim();
  if (trimmed === '' || /\s/.test(trimmed)) return invalid('Not a web address.');
  let candidate = trimmed;
  if (!SCHEME.test(candidate)) {
    const host = candidate.split(/[/:?#]/, 1)[0]?.toLowerCase() ?? '';
    candidate = `${isLoopback(host) ? 'http' : 'https'}://${candidate}`;
  }
  let parsed: URL;
  try {
    parsed = new URL(candidate);
  } catch {
    return invalid('Not a web address.');
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return invalid('Only http and https addresses work.');
  if (parsed.hostname === '') return invalid('The address has no host name.');
  if (parsed.username !== '' || parsed.password !== '') return invalid('Remove the user name from the address.');
  if (parsed.protocol === 'http:' && !isLoopback(parsed.hostname)) {
    return invalid('Use https: plain http is only allowed for this computer (localhost).');
  }
  const kept: string[] = [];
  for (const segment of parsed.pathname.split('/')) {
    if (segment === '') continue;
    if (WEB_CLIENT_ROUTES.has(segment.toLowerCase())) break;
    kept.push(segment);
  }
  const path = kept.length > 0 ? `/${kept.join('/')}` : '';
  return { ok: true, url: `${parsed.protocol}//${parsed.host}${path}` };
}

/** The DDP endpoint of a normalised base URL. */
export function websocketUrl(baseUrl: string): string {
  return `${baseUrl.replace(/^http/, 'ws')}/websocket`;
}
