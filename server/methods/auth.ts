import { login } from '../auth/login.js';
import { isPlainObject } from '../ddp/check.js';
import { MeteorError } from '../ddp/errors.js';
import { majorOf } from '../versions.js';
import { revalidateSubscriptions } from '../streams/subscribe.js';
import { ownRecordFields } from '../services/notify.js';
import { recomputePresence } from '../services/presence.js';
import { revokeToken } from '../services/users.js';
import type { MethodCall, MethodHandler } from './types.js';

function switchUser(call: MethodCall, userId: string | null, hashedToken: string | null): void {
  const previous = call.session.userId;
  call.session.userId = userId;
  call.session.hashedToken = hashedToken;
  call.session.connectionStatus = 'online';
  // Like Meteor re-running publications on setUserId: streams the new identity may not read are stopped.
  revalidateSubscriptions(call.ctx, call.session);
  if (previous && previous !== userId) recomputePresence(call.ctx, previous);
  if (userId) recomputePresence(call.ctx, userId);
}

/**
 * The microservices' DDP streamer logs in by `{resume}` only (6.x/7.x also `{user, password}` by username, without
 * 2FA); everything else goes through REST `POST /api/v1/login`.
 */
function streamerAccepts(version: string, request: unknown): boolean {
  if (!isPlainObject(request)) return false;
  if (typeof request.resume === 'string' && Object.keys(request).length === 1) return true;
  return majorOf(version) < 8 && Object.keys(request).length === 2 && isPlainObject(request.user)
    && typeof request.user.username === 'string' && 'password' in request;
}

export const authMethods: Record<string, MethodHandler> = {
  login(call, params) {
    if (call.ctx.options.deployment === 'microservice' && !streamerAccepts(call.ctx.options.version, params[0])) {
      throw new MeteorError(403, "You've been logged out by the server. Please log in again");
    }
    const outcome = login(call.ctx, params[0], call.session.clientAddress);
    // Meteor publishes the signed-in user's own record in collection `users`.
    call.session.send({ msg: 'added', collection: 'users', id: outcome.user._id, fields: ownRecordFields(outcome.user) });
    switchUser(call, outcome.user._id, outcome.hashedToken);
    return { id: outcome.user._id, token: outcome.token, tokenExpires: outcome.tokenExpires, type: outcome.type };
  },

  /** Meteor's logout: forgets this connection's login and destroys the token it used. */
  logout(call) {
    const { session } = call;
    const user = session.userId ? call.ctx.state.users.get(session.userId) : undefined;
    const hashedToken = session.hashedToken;
    switchUser(call, null, null);
    if (user && hashedToken) revokeToken(call.ctx, user, hashedToken, session);
    return undefined;
  },
};
