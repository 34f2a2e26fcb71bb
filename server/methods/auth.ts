import { login } from '../auth/login.js';
import { streamerLogin } from '../auth/streamer.js';
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

export const authMethods: Record<string, MethodHandler> = {
  /** Meteor's login handlers; on a microservice deployment the DDP streamer's own login (auth/streamer.ts). */
  login(call, params) {
    const outcome = call.ctx.options.deployment === 'microservice'
      ? streamerLogin(call.ctx, params[0])
      : login(call.ctx, params[0], call.session.clientAddress);
    // Meteor publishes the signed-in user's own record in collection `users`.
    call.session.send({ msg: 'added', collection: 'users', id: outcome.user._id, fields: ownRecordFields(outcome.user) });
    switchUser(call, outcome.user._id, outcome.hashedToken);
    const { tokenExpires } = outcome;
    return { id: outcome.user._id, token: outcome.token, ...(tokenExpires ? { tokenExpires } : {}), type: outcome.type };
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
