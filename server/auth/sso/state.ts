import { randomId, randomSecret } from '../../util/ids.js';

export type SsoKind = 'saml' | 'oauth' | 'cas';
export const SSO_KINDS: readonly SsoKind[] = ['saml', 'oauth', 'cas'];

/** The names the demo services go by: SAML's provider, the custom OAuth service. */
export const SAML_PROVIDER = 'demo-idp';
export const OAUTH_SERVICE = 'demo-idp';
export const OAUTH_CLIENT_ID = 'otr-desk-local';

// Rocket.Chat's CredentialTokens live 60 s; Meteor's pending OAuth credentials a few minutes; tickets and codes
// of the identity provider are short-lived too.
const CREDENTIAL_LIFETIME_MS = 60_000;
/** Rocket.Chat moves a retrieved OAuth credential's createdAt two minutes ahead (its 2FA work-around). */
const OAUTH_REUSE_MS = 2 * 60_000;
const GRANT_LIFETIME_MS = 5 * 60_000;

/** What the identity provider handed out and the service provider has not redeemed yet. */
interface Grant {
  username: string;
  /** SAML: the AuthnRequest it answers; CAS: the service URL; OAuth: the redirect_uri. */
  boundTo: string;
  expires: number;
}

/** A finished SSO attempt, waiting for the client's login request (Rocket.Chat's CredentialTokens). */
interface Credential {
  kind: SsoKind;
  username: string;
  /** OAuth only: Meteor's credentialSecret, which only the window that finished the flow has seen. */
  secret?: string;
  expires: number;
}

/**
 * Both halves of SSO in one server: the identity provider's memory (SAML assertions, CAS tickets, OAuth codes,
 * each usable once) and the service provider's finished attempts keyed by credential token.
 */
export class SsoState {
  private readonly grants = new Map<string, Grant>();
  private readonly credentials = new Map<string, Credential>();

  /** The identity provider issues a one-time grant (assertion id, ticket or code) for a signed-in user. */
  grant(prefix: string, username: string, boundTo: string, now = Date.now()): string {
    const id = `${prefix}${randomId(24)}`;
    this.grants.set(id, { username, boundTo, expires: now + GRANT_LIFETIME_MS });
    return id;
  }

  /** Redeems a grant once; undefined when unknown, used, expired or bound to something else. */
  redeem(id: string, boundTo: string, now = Date.now()): string | undefined {
    const grant = this.grants.get(id);
    this.grants.delete(id);
    if (!grant || grant.expires < now || grant.boundTo !== boundTo) return undefined;
    return grant.username;
  }

  /** Stores a finished attempt; returns the OAuth secret when one is made. */
  store(kind: SsoKind, token: string, username: string, now = Date.now()): string | undefined {
    const secret = kind === 'oauth' ? randomSecret() : undefined;
    this.credentials.set(token, { kind, username, ...(secret ? { secret } : {}), expires: now + CREDENTIAL_LIFETIME_MS });
    return secret;
  }

  /**
   * The login handlers' lookup. SAML and CAS credentials stay until they expire (as in Rocket.Chat); an OAuth one
   * needs its secret and, once used, stays two minutes more: Rocket.Chat's `OAuth._retrievePendingCredential`
   * keeps it so the same credential can be sent again with the second factor's code.
   */
  retrieve(kind: SsoKind, token: string, secret?: string, now = Date.now()): string | undefined {
    const credential = this.credentials.get(token);
    if (!credential || credential.kind !== kind || credential.expires < now) return undefined;
    if (kind === 'oauth') {
      if (credential.secret !== secret) return undefined;
      credential.expires = now + OAUTH_REUSE_MS + CREDENTIAL_LIFETIME_MS;
    }
    return credential.username;
  }
}
