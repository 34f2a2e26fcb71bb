import { checkOptionalNumber, checkString } from '../ddp/check.js';
import { MeteorError } from '../ddp/errors.js';
import { canAccessRoom } from '../services/access.js';
import { messageView } from '../store/views.js';
import type { MethodHandler } from './types.js';

// Rocket.Chat's getThreadMessages (app/threads/server/methods): at most 100 per call.
const MAX_LIMIT = 100;

export const threadMethods: Record<string, MethodHandler> = {
  /** `{tmid, limit?, skip?}` → `[parent, ...replies newest first]`; `[]` for an unknown message or one without replies. */
  getThreadMessages(call, [query]) {
    if (typeof query !== 'object' || query === null) throw new MeteorError('error-invalid-params', 'Invalid params');
    const { tmid, limit, skip } = query as { tmid?: unknown; limit?: unknown; skip?: unknown };
    checkString(tmid);
    checkOptionalNumber(limit);
    checkOptionalNumber(skip);
    if (typeof limit === 'number' && limit > MAX_LIMIT) {
      throw new MeteorError('error-not-allowed', `max limit: ${MAX_LIMIT}`, { method: 'getThreadMessages' });
    }
    if (!call.userId) throw new MeteorError('error-not-allowed', 'Threads Disabled', { method: 'getThreadMessages' });
    const { state } = call.ctx;
    const thread = state.message(tmid);
    if (!thread) return [];
    const room = state.rooms.get(thread.rid);
    if (!room || !canAccessRoom(state, room, call.userId)) {
      throw new MeteorError('error-not-allowed', 'Not Allowed', { method: 'getThreadMessages' });
    }
    if (!thread.tcount) return [];
    const replies = state.history(thread.rid, null, Number.MAX_SAFE_INTEGER, (m) => m.tmid === tmid);
    const from = typeof skip === 'number' && skip > 0 ? skip : 0;
    const to = typeof limit === 'number' && limit > 0 ? from + limit : undefined;
    return [thread, ...replies.slice(from, to)].map(messageView);
  },
};
