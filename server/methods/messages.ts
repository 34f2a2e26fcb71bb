import {
  checkOptionalBoolean, checkOptionalDate, checkOptionalNumber, checkOptionalObject, checkOptionalString, checkString,
  checkStrictShape,
} from '../ddp/check.js';
import { invalidUser, matchFailed } from '../ddp/errors.js';
import { messagesGet, type MessagesGetOptions } from '../services/message-sync.js';
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

  /** `messages/get(rid, options)`: server/services/message-sync.ts. Default rate limits only. */
  'messages/get'(call, [rid, options]) {
    checkString(rid);
    // The real method destructures its second argument: anything but an object is a TypeError, a 500.
    if (typeof options !== 'object' || options === null) throw new Error('messages/get: options must be an object');
    return messagesGet(call.ctx, call.userId, rid, options as MessagesGetOptions);
  },
};
