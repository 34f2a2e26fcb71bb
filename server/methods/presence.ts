import { checkString } from '../ddp/check.js';
import { matchFailed } from '../ddp/errors.js';
import { recomputePresence, setDefaultStatus, USER_STATUSES } from '../services/presence.js';
import type { UserStatus } from '../store/types.js';
import type { MethodCall, MethodHandler } from './types.js';

function setConnection(call: MethodCall, status: 'online' | 'away'): boolean | undefined {
  // Rocket.Chat answers nothing when nobody is logged in on the connection.
  if (!call.userId) return undefined;
  call.session.connectionStatus = status;
  recomputePresence(call.ctx, call.userId);
  return true;
}

export const presenceMethods: Record<string, MethodHandler> = {
  'UserPresence:setDefaultStatus'(call, [status]) {
    checkString(status);
    if (!USER_STATUSES.includes(status as UserStatus)) throw matchFailed();
    if (!call.userId) return undefined;
    setDefaultStatus(call.ctx, call.userId, status as UserStatus);
    return true;
  },
  'UserPresence:online': (call) => setConnection(call, 'online'),
  'UserPresence:away': (call) => setConnection(call, 'away'),
};
