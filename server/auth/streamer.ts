// The microservice deployment's DDP `login`: the DDP streamer hands it to the account service, not to Meteor's
// login handlers (ee/apps/ddp-streamer/src/configureServer.ts, since 8.0 src/methods/accounts.ts;
// ee/apps/account-service/src/Account.ts, lib/loginViaResume.ts, lib/loginViaUsername.ts). So there is no 2FA, no
// masking and no login blocking there: whatever the service does not accept is one 403.
import type { ServerContext } from '../context.js';
import { isPlainObject } from '../ddp/check.js';
import { MeteorError } from '../ddp/errors.js';
import { majorOf } from '../versions.js';
import { hashLoginToken, sha256Hex } from '../util/ids.js';
import { fresh, TOKEN_LIFETIME_MS, type LoginOutcome } from './login.js';
import { verifyDigest } from './password.js';

/** The streamer's answer to every login the account service refused (its `false`). */
const loggedOut = (): MeteorError => new MeteorError(403, "You've been logged out by the server. Please log in again");

/** A login the streamer granted; `tokenExpires` is absent for a token without `when` (a personal access token). */
export type StreamerOutcome = Omit<LoginOutcome, 'tokenExpires'> & { tokenExpires?: Date };

function viaResume(ctx: ServerContext, resume: string): StreamerOutcome {
  const hashedToken = hashLoginToken(resume);
  const user = ctx.state.userByHashedToken(hashedToken);
  const stored = user?.services.resume.loginTokens.find((t) => t.hashedToken === hashedToken);
  if (!user || !stored) throw loggedOut();
  // Rocket.Chat stores a personal access token with `createdAt`, not `when`: it has no expiry to answer.
  if (stored.type === 'personalAccessToken') return { user, token: resume, hashedToken, type: 'resume' };
  const tokenExpires = new Date(stored.when.getTime() + TOKEN_LIFETIME_MS);
  if (Date.now() >= tokenExpires.getTime()) throw new MeteorError(403, 'Your session has expired. Please log in again.');
  return { user, token: resume, hashedToken, tokenExpires, type: 'resume' };
}

/** Before 8.0 only: by username and the stored password (a directory user has none there), nothing else checked. */
function viaUsername(ctx: ServerContext, username: string, password: unknown): StreamerOutcome {
  const user = ctx.state.userByUsername(username);
  const digest = typeof password === 'string' ? sha256Hex(password)
    : isPlainObject(password) && typeof password.digest === 'string' ? password.digest : undefined;
  const ldapUser = ctx.options.ldap && user?.type === 'user';
  if (!user || ldapUser || digest === undefined || !verifyDigest(user.services.password, digest)) throw loggedOut();
  return fresh(ctx, user, 'password');
}

export function streamerLogin(ctx: ServerContext, request: unknown): StreamerOutcome {
  if (!isPlainObject(request)) throw loggedOut();
  const { resume, user, password } = request;
  if (typeof resume === 'string' && resume !== '') return viaResume(ctx, resume);
  if (majorOf(ctx.options.version) < 8 && isPlainObject(user) && typeof user.username === 'string' && password) {
    return viaUsername(ctx, user.username, password);
  }
  throw loggedOut();
}
