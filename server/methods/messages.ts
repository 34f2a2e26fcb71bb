import {
  checkOptionalBoolean, checkOptionalDate, checkOptionalNumber, checkOptionalObject, checkOptionalString, checkString,
  checkStrictShape,
} from '../ddp/check.js';
import { invalidUser, matchFailed, MeteorError } from '../ddp/errors.js';
import { canAccessRoom } from '../services/access.js';
import { isSystemType, sendMessage, type MessageInput } from '../services/messages.js';
import { messageView } from '../store/views.js';
import type { MessageRecord } from '../store/types.js';
import type { MethodHandler } from './types.js';

// Rocket.Chat's strict check on the sendMessage argument: these keys only.
const MESSAGE_SHAPE = {
  _id: checkOptionalString,
  rid: checkOptionalString,
  msg: checkOptionalString,
  tmid: checkOptionalString,
  tshow: checkOptionalBoolean,
  ts: checkOptionalDate,
  t: checkOptionalString,
  bot: checkOptionalObject,
  content: checkOptionalObject,
  e2e: checkOptionalString,
  e2eMentions: checkOptionalObject,
  customFields: checkOptionalObject,
  federation: checkOptionalObject,
  groupable: checkOptionalBoolean,
  sentByEmail: checkOptionalBoolean,
};

const visibleIn = (showThreadMessages: boolean) => (m: MessageRecord): boolean =>
  showThreadMessages || !m.tmid || m.tshow === true;

export const messageMethods: Record<string, MethodHandler> = {
  sendMessage(call, [message, previewUrls]) {
    checkStrictShape(message, MESSAGE_SHAPE);
    if (previewUrls !== undefined && previewUrls !== null && !Array.isArray(previewUrls)) throw matchFailed();
    const user = call.userId ? call.ctx.state.users.get(call.userId) : undefined;
    if (!user) throw invalidUser('sendMessage');
    if (isSystemType(message.t as string | undefined)) throw new Error("Cannot send system messages using 'sendMessage'");
    return sendMessage(call.ctx, user, message as MessageInput);
  },

  loadHistory(call, [rid, end, limit, ls, showThreadMessages]) {
    checkString(rid);
    checkOptionalDate(end);
    checkOptionalNumber(limit);
    if (ls !== undefined && ls !== null && !(ls instanceof Date) && typeof ls !== 'string') throw matchFailed();
    checkOptionalBoolean(showThreadMessages);
    if (!call.userId) throw invalidUser('loadHistory');
    const { state } = call.ctx;
    const room = state.rooms.get(rid);
    if (!room || !canAccessRoom(state, room, call.userId)) return false;
    const filter = visibleIn(showThreadMessages !== false);
    // As in MongoDB, a limit of 0 (or less) means no limit.
    const max = limit && limit > 0 ? Math.floor(limit) : Number.MAX_SAFE_INTEGER;
    const messages = state.history(rid, end ?? null, max, filter);
    let unreadNotLoaded = 0;
    let firstUnread: MessageRecord | undefined;
    const lastSeen = ls ? new Date(ls) : undefined;
    const oldest = messages[messages.length - 1];
    if (lastSeen && !Number.isNaN(lastSeen.getTime()) && oldest && oldest.ts.getTime() > lastSeen.getTime()) {
      const unread = state.countBetween(rid, lastSeen, oldest.ts).filter(filter);
      firstUnread = unread[0];
      unreadNotLoaded = unread.length;
    }
    return {
      messages: messages.map(messageView),
      ...(firstUnread ? { firstUnread: messageView(firstUnread) } : {}),
      unreadNotLoaded,
    };
  },

  /**
   * `messages/get(rid, {lastUpdate})`: what changed in a room after `lastUpdate` — messages whose `_updatedAt` is
   * later (newest first) and `{_id, _deletedAt}` of those the trash got later. Without `lastUpdate` it pages like
   * getChannelHistory (`latestDate`, `oldestDate`, `inclusive`, `count`; its `unreads` counts are not modelled).
   * Default rate limits only. The REST `chat.syncMessages` calls this method.
   */
  'messages/get'(call, [rid, options]) {
    checkString(rid);
    // The real method destructures its second argument: anything but an object is a TypeError, a 500.
    if (typeof options !== 'object' || options === null) throw new Error('messages/get: options must be an object');
    if (!call.userId) throw invalidUser('messages/get');
    if (!rid) throw new MeteorError('error-invalid-room', 'Invalid room', { method: 'messages/get' });
    const { state } = call.ctx;
    const room = state.rooms.get(rid);
    if (!room || !canAccessRoom(state, room, call.userId)) throw new MeteorError('error-not-allowed', 'Not allowed', { method: 'messages/get' });
    const { lastUpdate, latestDate, oldestDate, inclusive, count } = options as Record<string, unknown>;
    if (lastUpdate instanceof Date) {
      const { updated, deleted } = state.changesSince(rid, lastUpdate);
      return { updated: updated.map(messageView), deleted };
    }
    const latest = latestDate instanceof Date ? latestDate : new Date();
    const oldest = oldestDate instanceof Date ? oldestDate.getTime() : undefined;
    const within = (m: MessageRecord): boolean => {
      const ts = m.ts.getTime();
      return (inclusive === true ? ts <= latest.getTime() : ts < latest.getTime())
        && (oldest === undefined || (inclusive === true ? ts >= oldest : ts > oldest));
    };
    const max = typeof count === 'number' && count > 0 ? Math.floor(count) : 20;
    return { messages: state.history(rid, new Date(latest.getTime() + 1), max, within).map(messageView) };
  },
};
