// What the browser host's SSO forwarder may reach, and how addresses move between the upstream origins and the
// forwarder's own loopback origins. Only two things are ever forwarded: the SSO paths of the account's own server
// (/_saml/, /_cas/, /_oauth/ — never its API, its web app or its socket) and the provider's pages the server's
// configuration names. Everything else is refused: this is no general proxy.

/** Where the flow may go: the account's server, and the provider's first page as the server's configuration names it. */
export interface SsoReach {
  serverUrl: string;
  providerUrl?: string;
}

/** One upstream origin and the path prefixes of it that are forwarded. */
export interface Scope {
  origin: string;
  prefixes: string[];
}

/** The server's own SSO endpoints, as Rocket.Chat serves them under its ROOT_URL. */
const SERVER_SSO_PATHS = ['/_saml/', '/_cas/', '/_oauth/'];

const basePath = (url: URL): string => url.pathname.replace(/\/+$/, '');

/**
 * The scopes of a flow. A provider on another origin is forwarded whole (its login pages, scripts and styles live
 * anywhere on it); one on the server's own origin only in its own folder, and never the whole server: a provider
 * page at the server's top level is forwarded at that one path.
 */
export function scopesOf(reach: SsoReach): Scope[] {
  const server = new URL(reach.serverUrl);
  const base = basePath(server);
  const scopes: Scope[] = [{ origin: server.origin, prefixes: SERVER_SSO_PATHS.map((path) => `${base}${path}`) }];
  if (!reach.providerUrl) return scopes;
  const provider = new URL(reach.providerUrl);
  if (provider.protocol !== 'http:' && provider.protocol !== 'https:') return scopes;
  if (provider.origin !== server.origin) {
    scopes.push({ origin: provider.origin, prefixes: ['/'] });
    return scopes;
  }
  const folder = provider.pathname.slice(0, provider.pathname.lastIndexOf('/') + 1);
  scopes[0]?.prefixes.push(folder === '/' || folder === `${base}/` ? provider.pathname : folder);
  return scopes;
}

/** Whether an upstream address is forwarded. The address must already be parsed (dot segments resolved). */
export function isForwarded(scopes: readonly Scope[], url: URL): boolean {
  const scope = scopes.find((s) => s.origin === url.origin);
  return !!scope && scope.prefixes.some((prefix) => (prefix.endsWith('/') ? url.pathname.startsWith(prefix) : url.pathname === prefix));
}

/** Upstream origin ↔ the forwarder's loopback origin that stands for it. */
export interface OriginMap {
  toLocal(text: string): string;
  toUpstream(text: string): string;
  /**
   * A page's links and form targets (href, src, action, formaction) moved to the forwarder; nothing else in it:
   * the values the protocol carries (a CAS service, an OAuth redirect_uri) must reach the provider unchanged.
   */
  pageToLocal(html: string): string;
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Replaces whole origins only: `http://a:80` must not turn `http://a:8080` into something else. */
function replacer(pairs: readonly (readonly [string, string])[]): (text: string) => string {
  if (pairs.length === 0) return (text) => text;
  const table = new Map(pairs);
  const pattern = new RegExp(`(${pairs.map(([from]) => escapeRegExp(from)).join('|')})(?![\\w.:-])`, 'gi');
  return (text) => text.replace(pattern, (match) => table.get(match.toLowerCase()) ?? match);
}

export function originMap(pairs: readonly { upstream: string; local: string }[]): OriginMap {
  const toLocal = replacer(pairs.map(({ upstream, local }) => [upstream.toLowerCase(), local] as const));
  return {
    toLocal,
    toUpstream: replacer(pairs.map(({ upstream, local }) => [local.toLowerCase(), upstream] as const)),
    pageToLocal: (html) => html.replace(/(\s(?:href|src|action|formaction)\s*=\s*["']?)([^"'\s>]*)/gi, (_all, attr: string, value: string) => `${attr}${toLocal(value)}`),
  };
}

/**
 * A cookie the provider sets, as the browser can keep it for the forwarder's origin: its Domain would not match
 * 127.0.0.1 and Secure would not be sent over loopback http, so both go (SameSite=None requires Secure).
 */
export function localCookie(setCookie: string): string {
  return setCookie
    .split(';')
    .filter((part) => !/^\s*(domain|secure)\s*(=|$)/i.test(part) && !/^\s*samesite\s*=\s*none\s*$/i.test(part))
    .join(';');
}

const ENTITIES: Record<string, string> = { '&quot;': '"', '&#x27;': "'", '&#39;': "'", '&lt;': '<', '&gt;': '>', '&#x2F;': '/', '&amp;': '&' };

/**
 * The address the page settles at. Meteor's OAuth end page (`end_of_popup_response`), asked with isCordova, puts
 * the credentials into the address's hash by script; the forwarder reads them from the page's config instead, so
 * the secret never reaches the popup.
 */
export function settledAddress(url: string, html: string | undefined): string {
  const config = html ? /<div id="config"[^>]*>([^<]*)<\/div>/.exec(html)?.[1] : undefined;
  if (!config) return url;
  try {
    const parsed = JSON.parse(config.replace(/&(quot|#x27|#39|lt|gt|#x2F|amp);/g, (entity) => ENTITIES[entity] ?? entity)) as Record<string, unknown>;
    const { setCredentialToken, isCordova, credentialToken, credentialSecret } = parsed;
    if (setCredentialToken !== true || isCordova !== true || typeof credentialToken !== 'string' || typeof credentialSecret !== 'string') return url;
    return `${url.split('#')[0] ?? url}#${encodeURIComponent(JSON.stringify({ credentialToken, credentialSecret }))}`;
  } catch {
    return url;
  }
}
