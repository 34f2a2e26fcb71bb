// Single sign-on the way Rocket.Chat's own apps do it: the client makes a credential token, the provider's page
// opens in a window of its own, and the flow ends on the server with a credential token (+ secret for OAuth)
// that the client then signs in with — `{saml: true, credentialToken}`, `{cas: {credentialToken}}`,
// `{oauth: {credentialToken, credentialSecret}}` — over REST like every other login.
// Where the flow ends is read from the window's address, as the mobile app reads its web view's:
// SAML: <server>/saml/<t>?saml_idp_credentialToken=<t>; OAuth (isCordova): <server>/_oauth/<name>#{credentials};
// CAS: <server>/_cas/<token>?ticket=… (the server checked the ticket before answering that page).
import { randomBytes } from 'node:crypto';
import type { SsoReach } from '../sso-proxy/scope.js';
import type { SsoServiceConfig } from './login-options.js';

/** The login request a finished flow gives, or 'failed' when the server sent the window away without one. */
export type SsoEnd = { kind: 'finished'; request: object } | { kind: 'failed' };

/**
 * The provider's window, as the host provides it. `watch` is told each address the window arrives at; when it
 * answers, the window closes and `open` resolves with that answer. 'closed': the user closed it first.
 * `reach` names where the flow may go (the browser host forwards only that; Electron's window needs no more).
 */
export interface SsoWindow {
  open(url: string, size: { width: number; height: number }, watch: (url: string) => SsoEnd | undefined, reach: SsoReach): Promise<SsoEnd | { kind: 'closed' }>;
  /** Closes the window of the flow in progress (the sign-in was cancelled). */
  abort(): void;
}

// Meteor's Random.secret / Random.id alphabets are not needed here: the tokens only have to be unguessable.
const token = (bytes: number): string => randomBytes(bytes).toString('base64url');

export interface SsoStart {
  url: string;
  size: { width: number; height: number };
  watch: (url: string) => SsoEnd | undefined;
  reach: SsoReach;
}

function sameOrigin(url: URL, serverUrl: string): boolean {
  const server = new URL(serverUrl);
  return url.origin === server.origin && url.pathname.startsWith(server.pathname.replace(/\/+$/, '') || '/');
}

const serverPath = (url: URL, serverUrl: string): string => url.pathname.slice(new URL(serverUrl).pathname.replace(/\/+$/, '').length);

/** How each kind starts and where it ends. */
export function startSso(service: SsoServiceConfig, serverUrl: string): SsoStart {
  const parse = (raw: string): URL | undefined => {
    try {
      const url = new URL(raw);
      return sameOrigin(url, serverUrl) ? url : undefined;
    } catch {
      return undefined;
    }
  };
  const size = { width: 810, height: 680 };
  if (service.kind === 'saml') {
    return {
      url: `${serverUrl}/_saml/authorize/${encodeURIComponent(service.provider)}/id-${token(16)}`,
      size,
      reach: { serverUrl, ...(service.entryPoint ? { providerUrl: service.entryPoint } : {}) },
      watch: (raw) => {
        const url = parse(raw);
        if (!url) return undefined;
        const credentialToken = url.searchParams.get('saml_idp_credentialToken');
        if (credentialToken) return { kind: 'finished', request: { saml: true, credentialToken } };
        // A response the server could not validate sends the window to the server's home page.
        return serverPath(url, serverUrl) === '/' || serverPath(url, serverUrl) === '' ? { kind: 'failed' } : undefined;
      },
    };
  }
  if (service.kind === 'cas') {
    const credentialToken = token(16);
    const back = `${serverUrl}/_cas/${credentialToken}`;
    return {
      url: `${service.loginUrl}${service.loginUrl.includes('?') ? '&' : '?'}service=${encodeURIComponent(back)}`,
      size: { width: service.width ?? size.width, height: service.height ?? size.height },
      reach: { serverUrl, providerUrl: service.loginUrl },
      watch: (raw) => {
        const url = parse(raw);
        return url && serverPath(url, serverUrl) === `/_cas/${credentialToken}` ? { kind: 'finished', request: { cas: { credentialToken } } } : undefined;
      },
    };
  }
  const credentialToken = token(32);
  // Meteor's OAuth state; isCordova asks the server's end page to put the credentials into the URL's hash.
  const state = Buffer.from(JSON.stringify({ loginStyle: 'popup', credentialToken, isCordova: true })).toString('base64');
  const redirectUri = `${serverUrl}/_oauth/${service.name}`;
  const query = new URLSearchParams({ client_id: service.clientId, redirect_uri: redirectUri, response_type: 'code', state, scope: service.scope });
  return {
    url: `${service.authorizeUrl}${service.authorizeUrl.includes('?') ? '&' : '?'}${query.toString()}`,
    size,
    reach: { serverUrl, providerUrl: service.authorizeUrl },
    watch: (raw) => {
      const url = parse(raw);
      if (!url || serverPath(url, serverUrl) !== `/_oauth/${service.name}` || url.hash.length < 2) return undefined;
      try {
        const credentials = JSON.parse(decodeURIComponent(url.hash.slice(1))) as { credentialToken?: unknown; credentialSecret?: unknown };
        if (credentials.credentialToken !== credentialToken || typeof credentials.credentialSecret !== 'string') return undefined;
        return { kind: 'finished', request: { oauth: { credentialToken, credentialSecret: credentials.credentialSecret } } };
      } catch {
        return undefined;
      }
    },
  };
}
