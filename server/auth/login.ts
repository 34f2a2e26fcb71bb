import type { ServerContext } from '../context.js';
import { isPlainObject } from '../ddp/check.js';
import { matchFailed, MeteorError } from '../ddp/errors.js';
import { issueToken } from '../services/users.js';
import type { UserRecord } from '../store/types.js';
import { hashLoginToken, sha256Hex } from '../util/ids.js';
import { verifyDigest } from './password.js';
import { verifyTotp } from './totp.js';

// Accounts_LoginExpiration default: 90 days.
const TOKEN_LIFETIME_MS = 90 * 24 * 60 * 60 * 1000;

export interface LoginOutcome {
  user: UserRecord;
  token: string;
  hashedToken: string;
  tokenExpires: Date;
  type: 'password' | 'resume';
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

function passwordLogin(ctx: ServerContext, request: Record<string, unknown>, ip: string): UserRecord {
  const user = findUser(ctx, request.user);
  const digest = digestOf(request.password);
  const name = isPlainObject(request.user) ? String(Object.values(request.user)[0]) : '';
  ctx.logins.check(user?.username ?? name, ip);
  if (!user || !user.active || !verifyDigest(user.services.password, digest)) {
    ctx.logins.failed(user?.username ?? name, ip);
    throw notFound();
  }
  ctx.logins.succeeded(user.username, ip);
  return user;
}

function requireSecondFactor(user: UserRecord, code: string | undefined): void {
  const totp = user.services.totp;
  if (!totp) return;
  const details = { method: 'totp', availableMethods: ['totp'] };
  if (!code) throw new MeteorError('totp-required', 'TOTP Required', details);
  if (!verifyTotp(totp.secret, code)) throw new MeteorError('totp-invalid', 'TOTP Invalid', details);
}

function fresh(ctx: ServerContext, user: UserRecord, type: 'password'): LoginOutcome {
  const token = issueToken(ctx, user);
  return { user, token, hashedToken: hashLoginToken(token), tokenExpires: new Date(Date.now() + TOKEN_LIFETIME_MS), type };
}

/**
 * The DDP `login` method's argument, handled like Meteor + Rocket.Chat: `{resume}`, `{user, password}` or
 * `{totp: {login, code}}`. Password logins of users with 2FA need the `totp` wrapper; resume logins never do.
 */
export function login(ctx: ServerContext, request: unknown, ip = '127.0.0.1'): LoginOutcome {
  if (!isPlainObject(request)) throw matchFailed();
  if ('resume' in request) {
    if (typeof request.resume !== 'string') throw notFound();
    const hashedToken = hashLoginToken(request.resume);
    const user = ctx.state.userByHashedToken(hashedToken);
    const stored = user?.services.resume.loginTokens.find((t) => t.hashedToken === hashedToken);
    if (!user || !stored || !user.active) throw notFound();
    const expires = stored.type === 'personalAccessToken'
      ? new Date(Date.now() + TOKEN_LIFETIME_MS)
      : new Date(stored.when.getTime() + TOKEN_LIFETIME_MS);
    if (expires.getTime() < Date.now()) throw notFound();
    return { user, token: request.resume, hashedToken, tokenExpires: expires, type: 'resume' };
  }
  if ('totp' in request) {
    const totp = request.totp;
    if (!isPlainObject(totp) || typeof totp.code !== 'string' || !isPlainObject(totp.login)) throw notFound();
    const user = passwordLogin(ctx, totp.login, ip);
    requireSecondFactor(user, totp.code);
    return fresh(ctx, user, 'password');
  }
  if ('user' in request && 'password' in request) {
    const user = passwordLogin(ctx, request, ip);
    requireSecondFactor(user, undefined);
    return fresh(ctx, user, 'password');
  }
  throw notFound();
}
