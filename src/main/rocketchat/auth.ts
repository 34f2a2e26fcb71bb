// Login requests as the DDP `login` method wants them, and the server's refusals in the contract's words.
// The password only ever leaves as its SHA-256 digest (Meteor's convention, the same the sdk's loginParams uses).
import { createHash } from 'node:crypto';
import { rcError, isRateLimit, retryAtOf, type DdpErrorObject, type RcError } from './errors.js';

export type PasswordLogin = {
  user: { username: string } | { email: string };
  password: { digest: string; algorithm: 'sha-256' };
};

export function passwordDigest(password: string): string {
  return createHash('sha256').update(password, 'utf8').digest('hex');
}

/** Anything with an @ is taken for an e-mail address: Rocket.Chat usernames cannot contain one. */
export function passwordLogin(user: string, password: string): PasswordLogin {
  const who = user.trim();
  return {
    user: who.includes('@') ? { email: who } : { username: who },
    password: { digest: passwordDigest(password), algorithm: 'sha-256' },
  };
}

/** Rocket.Chat's LDAP login handler: the directory needs the password itself, not a digest. */
export type LdapLogin = { ldap: true; username: string; ldapPass: string; ldapOptions: Record<string, never> };

export function ldapLogin(user: string, password: string): LdapLogin {
  return { ldap: true, username: user.trim(), ldapPass: password, ldapOptions: {} };
}

/** What a second factor is added to. */
export type FirstFactor = PasswordLogin | LdapLogin;

export function totpLogin<L extends object>(login: L, code: string): { totp: { login: L; code: string } } {
  return { totp: { login, code: code.trim() } };
}

/** Rocket.Chat's REST credentials: the user's id and a login (or personal access) token, as headers. */
export function restAuthHeaders(who: { userId: string; token: string }): Record<string, string> {
  return { 'X-User-Id': who.userId, 'X-Auth-Token': who.token };
}

export function resumeLogin(token: string): { resume: string } {
  return { resume: token };
}

export type LoginRefusal = { kind: 'totp-required'; method?: string } | { kind: 'error'; error: RcError };

const LOGIN_CANCELLED = String(0x8acdc2f);
const CREDENTIAL_ERRORS = new Set(['401', '403', 'error-invalid-credentials', 'error-invalid-user']);
const CREDENTIAL_REASONS = /user not found|incorrect password|check your credentials|invalid credentials/i;

/** Why a password or TOTP login failed. */
export function classifyLoginError(error: DdpErrorObject, now: number): LoginRefusal {
  const code = String(error.error ?? '');
  const detail = error.reason ?? error.message;
  if (code === 'totp-required') {
    const method = error.details?.method;
    return typeof method === 'string' ? { kind: 'totp-required', method } : { kind: 'totp-required' };
  }
  if (code === 'totp-invalid') return { kind: 'error', error: rcError('totp-invalid', detail) };
  if (isRateLimit(error)) return { kind: 'error', error: rcError('rate-limited', detail, retryAtOf(error, now)) };
  if (code === 'error-login-blocked-for-ip' || code === 'error-login-blocked-for-user') {
    return { kind: 'error', error: rcError('rate-limited', detail) };
  }
  if (code === 'error-user-is-not-activated') return { kind: 'error', error: rcError('not-allowed', detail) };
  // Meteor's LoginCancelledError: an SSO handler found no finished attempt under the token.
  if (code === LOGIN_CANCELLED) return { kind: 'error', error: rcError('sso-failed', detail) };
  if (code === '400' && /unrecognized options for login request/i.test(detail ?? '')) return { kind: 'error', error: rcError('sso-unavailable', detail) };
  if (CREDENTIAL_ERRORS.has(code) || CREDENTIAL_REASONS.test(detail ?? '')) {
    return { kind: 'error', error: rcError('wrong-credentials') };
  }
  return { kind: 'error', error: rcError('internal', detail) };
}

/** Why a token (resume or personal access token) was refused: a rate limit is temporary, the rest is final. */
export function classifyTokenError(error: DdpErrorObject, now: number): RcError {
  if (isRateLimit(error)) return rcError('rate-limited', error.reason, retryAtOf(error, now));
  return rcError('not-signed-in', 'The server no longer accepts this sign-in. Please sign in again.');
}
