import { hashPassword } from '../auth/password.js';
import { base32Decode } from '../auth/totp.js';
import type { ServerContext } from '../context.js';
import type { UserRecord } from '../store/types.js';
import { hashLoginToken, randomId, randomSecret } from '../util/ids.js';

export interface CreateUserInput {
  username: string;
  password: string;
  name?: string;
  email?: string;
  /** Whether the address is verified (default false, like `users.create` without `verified`). */
  emailVerified?: boolean;
  /** Base32 secret; when set the user must pass TOTP 2FA on password login. */
  totpSecret?: string;
  bot?: boolean;
}

const USERNAME = /^[\w.-]+$/;

export function createUser(ctx: ServerContext, input: CreateUserInput): UserRecord {
  if (!USERNAME.test(input.username)) throw new Error(`Invalid username: ${input.username}`);
  if (ctx.state.userByUsername(input.username)) throw new Error(`Username already exists: ${input.username}`);
  if (input.totpSecret !== undefined) base32Decode(input.totpSecret);
  const now = ctx.state.now();
  const user: UserRecord = {
    _id: randomId(),
    username: input.username,
    name: input.name ?? input.username,
    emails: [{ address: input.email ?? `${input.username}@localhost`, verified: input.emailVerified ?? false }],
    type: input.bot ? 'bot' : 'user',
    roles: input.bot ? ['bot'] : ['user'],
    active: true,
    status: 'offline',
    statusDefault: 'online',
    statusText: '',
    statusConnection: 'offline',
    utcOffset: 0,
    createdAt: now,
    _updatedAt: now,
    services: {
      password: hashPassword(input.password),
      ...(input.totpSecret ? { totp: { enabled: true as const, secret: input.totpSecret } } : {}),
      // Accounts_TwoFactorAuthentication_By_Email_Auto_Opt_In (default on) opts every new user in.
      ...(ctx.options.twoFactor === 'email' ? { email2fa: { enabled: true, changedAt: now } } : {}),
      resume: { loginTokens: [] },
    },
  };
  ctx.state.addUser(user);
  ctx.changed();
  return user;
}

/** Issues a new login token for the user and returns it in clear (only its hash is kept). */
export function issueToken(ctx: ServerContext, user: UserRecord, pat?: { name: string }): string {
  const token = randomSecret();
  user.services.resume.loginTokens.push({
    hashedToken: hashLoginToken(token),
    when: new Date(),
    ...(pat ? { type: 'personalAccessToken' as const, name: pat.name } : {}),
  });
  ctx.changed();
  return token;
}

/**
 * Removes a login token. Like Meteor, every other DDP connection logged in with that token is closed, because
 * its login just became invalid.
 */
export function revokeToken(ctx: ServerContext, user: UserRecord, hashedToken: string, except?: object): void {
  const tokens = user.services.resume.loginTokens;
  const index = tokens.findIndex((token) => token.hashedToken === hashedToken);
  if (index >= 0) tokens.splice(index, 1);
  ctx.changed();
  for (const session of ctx.sessions) {
    if (session !== except && session.hashedToken === hashedToken) session.close(1000, 'Token revoked');
  }
}
