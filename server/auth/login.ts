import type { ServerContext } from '../context.js';
import { isPlainObject } from '../ddp/check.js';
import { matchFailed, MeteorError } from '../ddp/errors.js';
import { issueToken } from '../services/users.js';
import type { UserRecord } from '../store/types.js';
import { hashLoginToken, sha256Hex } from '../util/ids.js';
import { verifyDigest } from './password.js';
import { verifyTotp } from './totp.js';
import { ssoLogin } from './sso/services.js';
import type { SsoKind } from './sso/state.js';

// Accounts_LoginExpiration default: 90 days.
export const TOKEN_LIFETIME_MS = 90 * 24 * 60 * 60 * 1000;

export interface LoginOutcome {
  user: UserRecord;
  token: string;
  hashedToken: string;
  tokenExpires: Date;
  type: 'password' | 'ldap' | 'resume' | SsoKind;
}

// Rocket.Chat replaces every login-handler failure by one answer, so nobody learns whether the user exists.
const notFound = (): MeteorError => new MeteorError(401, 'User not found');

function findUser(ctx: ServerContext, selector: unknown): UserRecord | undefined {
  if (!isPlainObject(selector)) throw matchFailed();
  const keys = Object.keys(selector);
  if (keys.length !== 1) throw matchFailed();
  const [key] = keys;
  const value = selector[key ?? ''];
  if (typeof value !== 'string') throw matchFailed();
  if (key === 'username') return ctx.state.userByUsername(value);
  if (key === 'email') return ctx.state.userByEmail(value);
  if (key === 'id') return ctx.state.users.get(value);
  throw matchFailed();
}

/** Meteor accepts the SHA-256 digest object, or a plain password (which it digests itself). */
function digestOf(password: unknown): string {
  if (typeof password === 'string' && password.length <= 256) return sha256Hex(password);
  if (isPlainObject(password) && Object.keys(password).length === 2 && typeof password.digest === 'string'
    && password.algorithm === 'sha-256') {
    return password.digest;
  }
  throw matchFailed();
}

function blockedOrCounted<T>(ctx: ServerContext, name: string, ip: string, attempt: () => T | undefined): T {
  ctx.logins.check(name, ip);
  const outcome = attempt();
  if (outcome === undefined) {
    ctx.logins.failed(name, ip);
    throw notFound();
  }
  ctx.logins.succeeded(name, ip);
  return outcome;
}

// Under --ldap the people (not the bots) are directory users; the directory's password is the stored one.
const isLdapUser = (ctx: ServerContext, user: UserRecord): boolean => ctx.options.ldap && user.type === 'user';

/** Rocket.Chat's login validators, which run after the handler succeeded and are not masked. */
function validate(ctx: ServerContext, user: UserRecord, type: LoginOutcome['type']): void {
  if (!user.active) {
    throw new MeteorError('error-user-is-not-activated', 'User is not activated', { function: 'Accounts.validateLoginAttempt' });
  }
  if (type === 'password' && isLdapUser(ctx, user)) throw new MeteorError(403, 'Login forbidden');
  if (type === 'password' && ctx.options.emailVerification && !user.emails.some((e) => e.verified)) {
    throw new MeteorError('error-invalid-email', 'Invalid email __email__');
  }
}

function passwordLogin(ctx: ServerContext, request: Record<string, unknown>, ip: string): UserRecord {
  const user = findUser(ctx, request.user);
  const digest = digestOf(request.password);
  const name = isPlainObject(request.user) ? String(Object.values(request.user)[0]) : '';
  const found = blockedOrCounted(ctx, user?.username ?? name, ip,
    () => (user && verifyDigest(user.services.password, digest) ? user : undefined));
  validate(ctx, found, 'password');
  return found;
}

/** The LDAP login handler: `{ldap: true, username, ldapPass, ldapOptions}`, only while LDAP_Enable is on. */
function ldapLogin(ctx: ServerContext, request: Record<string, unknown>, ip: string): UserRecord {
  const { username, ldapPass } = request;
  if (!ctx.options.ldap) throw notFound();
  if (typeof username !== 'string' || typeof ldapPass !== 'string') throw matchFailed();
  const user = username.includes('@') ? ctx.state.userByEmail(username) : ctx.state.userByUsername(username);
  const found = blockedOrCounted(ctx, user?.username ?? username, ip,
    () => (user && isLdapUser(ctx, user) && verifyDigest(user.services.password, sha256Hex(ldapPass)) ? user : undefined));
  syncFromDirectory(ctx, found);
  validate(ctx, found, 'ldap');
  return found;
}

/**
 * Rocket.Chat syncs the directory's data into the user at every LDAP login (LDAP_Update_Data_On_Login, default on)
 * with its addresses flagged verified (Accounts_Verify_Email_For_External_Accounts, default on), before the 2FA
 * check runs: so an LDAP sign-in asks for the e-mail code even of a user whose address was unverified.
 */
function syncFromDirectory(ctx: ServerContext, user: UserRecord): void {
  if (user.emails.every((e) => e.verified)) return;
  for (const email of user.emails) email.verified = true;
  ctx.changed();
}

function firstFactor(ctx: ServerContext, request: Record<string, unknown>, ip: string): UserRecord {
  if (request.ldap === true) return ldapLogin(ctx, request, ip);
  if ('user' in request && 'password' in request) return passwordLogin(ctx, request, ip);
  throw notFound();
}

function requireSecondFactor(ctx: ServerContext, user: UserRecord, code: string | undefined): void {
  const totp = user.services.totp;
  // Rocket.Chat's EmailCheck: the setting on, the user opted in, and at least one verified address.
  const byEmail = ctx.options.twoFactor === 'email' && user.services.email2fa?.enabled === true && user.emails.some((e) => e.verified);
  if (!totp && !byEmail) return;
  const availableMethods = [...(totp ? ['totp'] : []), ...(byEmail ? ['email'] : [])];
  if (totp) {
    const details = { method: 'totp', availableMethods };
    if (!code) throw new MeteorError('totp-required', 'TOTP Required', details);
    if (verifyTotp(totp.secret, code)) return;
    if (!byEmail || !ctx.emailCodes.consume(user.username, code)) throw new MeteorError('totp-invalid', 'TOTP Invalid', details);
    return;
  }
  const details = { method: 'email', codeGenerated: true, availableMethods };
  if (!code) {
    ctx.emailCodes.issue(user.username);
    throw new MeteorError('totp-required', 'TOTP Required', details);
  }
  if (!ctx.emailCodes.consume(user.username, code)) throw new MeteorError('totp-invalid', 'TOTP Invalid', details);
}

/** A new login token for the user, as a login handler's success answers it. */
export function fresh(ctx: ServerContext, user: UserRecord, type: 'password' | 'ldap' | SsoKind): LoginOutcome {
  const token = issueToken(ctx, user);
  return { user, token, hashedToken: hashLoginToken(token), tokenExpires: new Date(Date.now() + TOKEN_LIFETIME_MS), type };
}

/**
 * The DDP `login` method's argument, handled like Meteor + Rocket.Chat: `{resume}`, `{user, password}` or
 * `{ldap: true, …}` (with --ldap) or `{totp: {login, code}}`, and the SSO forms with --sso (sso/services.ts). Password
 * and LDAP logins of users with 2FA (TOTP, or e-mail: on by default, for opted-in users with a verified address) need
 * the `totp` wrapper; resume logins never do.
 */
export function login(ctx: ServerContext, request: unknown, ip = '127.0.0.1'): LoginOutcome {
  if (!isPlainObject(request)) throw matchFailed();
  if ('resume' in request) {
    if (typeof request.resume !== 'string') throw notFound();
    const hashedToken = hashLoginToken(request.resume);
    const user = ctx.state.userByHashedToken(hashedToken);
    const stored = user?.services.resume.loginTokens.find((t) => t.hashedToken === hashedToken);
    if (!user || !stored) throw notFound();
    // A personal access token never expires; its login answers an invalid date ({"$date": null} on the wire).
    const expires = stored.type === 'personalAccessToken' ? new Date(NaN) : new Date(stored.when.getTime() + TOKEN_LIFETIME_MS);
    if (expires.getTime() < Date.now()) throw notFound();
    validate(ctx, user, 'resume');
    return { user, token: request.resume, hashedToken, tokenExpires: expires, type: 'resume' };
  }
  let inner = request;
  let code: string | undefined;
  if ('totp' in request) {
    const totp = request.totp;
    if (!isPlainObject(totp) || typeof totp.code !== 'string' || !isPlainObject(totp.login)) throw notFound();
    inner = totp.login;
    code = totp.code;
  }
  const sso = ssoLogin(ctx, inner);
  const user = sso ? sso.user : firstFactor(ctx, inner, ip);
  if (sso) validate(ctx, user, sso.kind);
  // Rocket.Chat's 2FA check (onValidateLogin) skips only resume, proxy and CAS logins: SAML and OAuth sign-ins
  // of a user with TOTP or e-mail codes need the code too, in the same `totp` wrapper.
  if (sso?.kind !== 'cas') requireSecondFactor(ctx, user, code);
  return fresh(ctx, user, sso ? sso.kind : inner.ldap === true ? 'ldap' : 'password');
}
