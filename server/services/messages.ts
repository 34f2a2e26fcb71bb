import type { ServerContext } from '../context.js';
import { addMarkup } from './message-markup.js';
import { MeteorError } from '../ddp/errors.js';
import { messageView } from '../store/views.js';
import type { MessageRecord, RoomRecord, UserRecord, UserRef } from '../store/types.js';
import { randomId } from '../util/ids.js';
import { hasNativeOtr } from '../versions.js';
import { notifyEphemeral, notifyRoomChanged, notifySubscriptionChanged } from './notify.js';
import { relayOtrMessage, type RelayedOtrMessage } from './otr.js';

/** The keys `sendMessage` accepts (Rocket.Chat's strict check), already type-checked. */
export interface MessageInput {
  _id?: string | null;
  rid?: string | null;
  msg?: string | null;
  tmid?: string | null;
  tshow?: boolean | null;
  ts?: Date | null;
  t?: string | null;
  bot?: Record<string, unknown> | null;
  content?: Record<string, unknown> | null;
  e2e?: string | null;
  e2eMentions?: Record<string, unknown> | null;
  customFields?: Record<string, unknown> | null;
  federation?: Record<string, unknown> | null;
  groupable?: boolean | null;
  sentByEmail?: boolean | null;
}

// Types Rocket.Chat reserves for system messages; `sendMessage` refuses them. ('otr' is not one of them on 8.x.)
const SYSTEM_TYPES = new Set([
  'uj', 'ul', 'ru', 'au', 'mute_unmuted', 'r', 'ut', 'wm', 'rm', 'subscription-role-added',
  'subscription-role-removed', 'room-archived', 'room-unarchived', 'user-muted', 'user-unmuted', 'room_changed_privacy',
  'room_changed_topic', 'room_changed_announcement', 'room_changed_description', 'user_joined_otr',
  'user_requested_otr_key_refresh', 'user_key_refreshed_successfully',
]);

export function isSystemType(t: string | null | undefined): boolean {
  return typeof t === 'string' && SYSTEM_TYPES.has(t);
}

function mentionsIn(ctx: ServerContext, msg: string, memberIds: Set<string>): UserRef[] {
  const found = new Map<string, UserRef>();
  for (const match of msg.matchAll(/(?:^|[\s(])@([\w.-]+)/g)) {
    const name = match[1] ?? '';
    if (name === 'all' || name === 'here') {
      found.set(name, { _id: name, username: name });
      continue;
    }
    const user = ctx.state.userByUsername(name);
    if (user && memberIds.has(user._id)) found.set(user._id, { _id: user._id, username: user.username, name: user.name });
  }
  return [...found.values()];
}

/**
 * Server time unless the client's ts is within 10 s; undefined (the send vanishes) when it is more than 60 s off,
 * as newer servers do (older ones threw `error-message-ts-out-of-sync`).
 */
function resolveTs(ctx: ServerContext, clientTs: Date | null | undefined): Date | undefined {
  const now = ctx.state.now();
  if (!clientTs) return now;
  const diff = Math.abs(clientTs.getTime() - Date.now());
  if (diff > 60_000) return undefined;
  return diff > 10_000 ? now : clientTs;
}

// The texts the sender sees (Rocket.Chat's English i18n of the errors canSendMessage throws).
const READ_ONLY = "You can't send messages because the room is readonly.";
const MUTED = 'You have been muted and cannot speak in this room';
const ARCHIVED = 'This room is archived';

/** Why a member may not post here (canSendMessage's words), or undefined. */
export function sendRefusal(room: RoomRecord, user: UserRecord): string | undefined {
  if (room.archived) return ARCHIVED;
  if (room.ro) return READ_ONLY;
  if (room.muted?.includes(user.username)) return MUTED;
  return undefined;
}

/** What an upload adds to the message it becomes (never accepted from `sendMessage`'s argument). */
export type FileFields = Pick<MessageRecord, 'file' | 'files' | 'attachments'>;

/**
 * Stores a message and fans it out: room stream, `__my_messages__`, room and subscription updates and desktop
 * notifications. Like 8.x's `sendMessage`, only `error-not-allowed` is thrown; an unknown, read-only or muted room
 * answers nothing and tells the sender why on `<uid>/message`; an over-size message, a client `ts` more than 60 s
 * off and a repeated `_id` answer nothing at all.
 */
export function sendMessage(
  ctx: ServerContext, user: UserRecord, input: MessageInput, fileFields?: FileFields,
): MessageRecord | RelayedOtrMessage | undefined {
  if (input.tshow && !input.tmid) {
    throw new MeteorError('invalid-params', 'tshow provided but missing tmid', { method: 'sendMessage' });
  }
  const ts = resolveTs(ctx, input.ts);
  const msg = input.msg ?? '';
  if (!ts || msg.length > ctx.options.maxMessageSize) return undefined;
  if (!input.rid) throw new Error("The 'rid' property on the message object is missing.");
  const room = ctx.state.rooms.get(input.rid);
  if (!room) {
    notifyEphemeral(ctx, user._id, input.rid, 'Invalid room');
    return undefined;
  }
  if (!ctx.state.subscription(room._id, user._id)) throw new MeteorError('error-not-allowed', undefined, { method: 'sendMessage' });
  const refusal = sendRefusal(room, user);
  if (refusal) {
    notifyEphemeral(ctx, user._id, room._id, refusal);
    return undefined;
  }
  // 7.x relays OTR ciphertext without saving it; 8.x has no such branch and stores it below like any message.
  if (input.t === 'otr' && hasNativeOtr(ctx.options)) return relayOtrMessage(ctx, user, room, { _id: input._id, msg, ts });
  if (input._id && ctx.state.message(input._id)) return undefined;
  // E2E rooms (E2E_Allow_Unencrypted_Messages off by default) refuse plaintext after 7.x's OTR relay, as Rocket.Chat's
  // sendMessage function does; 8.x's method does not swallow this error.
  if (room.encrypted && input.t !== 'e2e') {
    throw new MeteorError('error-not-allowed', 'Not allowed to send un-encrypted messages in an encrypted room', { method: 'sendMessage' });
  }
  const parent = input.tmid ? ctx.state.message(input.tmid) : undefined;
  if (input.tmid && parent?.rid !== room._id) throw new MeteorError('error-invalid-message', 'Invalid message', { method: 'sendMessage' });
  const members = new Set(ctx.state.subscriptionsOfRoom(room._id).map((s) => s.u._id));
  const message: MessageRecord = {
    _id: input._id || randomId(),
    rid: room._id,
    msg,
    ts,
    u: { _id: user._id, username: user.username, name: user.name },
    _updatedAt: ctx.state.now(),
    urls: [],
    mentions: mentionsIn(ctx, msg, members),
    channels: [],
  };
  for (const key of ['t', 'tmid', 'groupable', 'bot', 'content', 'e2e', 'e2eMentions', 'customFields', 'federation', 'sentByEmail'] as const) {
    const value = input[key];
    if (value !== undefined && value !== null) Object.assign(message, { [key]: value });
  }
  if (input.tshow === true) message.tshow = true;
  if (fileFields) Object.assign(message, fileFields);
  // BeforeSaveMarkdownParser skips E2E and Rocket.Chat's own OTR messages (and their acknowledgements).
  if (message.t !== 'e2e' && message.t !== 'otr' && message.t !== 'otr-ack') addMarkup(ctx, user, message);
  ctx.state.insertMessage(message);
  updateRoomAndSubscriptions(ctx, room, message);
  fanOut(ctx, room, message);
  if (parent) countReply(ctx, parent, message);
  ctx.changed();
  return messageView(message);
}

/** Rocket.Chat's thread counters on the parent (`tcount`, `tlm`, `replies`), re-sent on the room stream like an edit. */
function countReply(ctx: ServerContext, parent: MessageRecord, reply: MessageRecord): void {
  parent.tcount = (parent.tcount ?? 0) + 1;
  parent.tlm = reply.ts;
  parent.replies = [...new Set([...(parent.replies ?? [parent.u._id]), reply.u._id])];
  parent._updatedAt = ctx.state.now();
  ctx.hub.emit('stream-room-messages', parent.rid, [messageView(parent)]);
}

function updateRoomAndSubscriptions(ctx: ServerContext, room: RoomRecord, message: MessageRecord): void {
  room.msgs += 1;
  room.lm = message.ts;
  room.lastMessage = messageView(message);
  room._updatedAt = ctx.state.now();
  notifyRoomChanged(ctx, 'updated', room);
  const groupMention = message.mentions.some((m) => m._id === 'all' || m._id === 'here');
  for (const sub of ctx.state.subscriptionsOfRoom(room._id)) {
    if (sub.u._id === message.u._id) continue;
    const mentioned = message.mentions.some((m) => m._id === sub.u._id);
    // Rocket.Chat defaults: every DM message counts as unread; in channels only mentions do.
    if (room.t === 'd' || mentioned || groupMention) sub.unread += 1;
    if (mentioned) sub.userMentions += 1;
    if (groupMention) sub.groupMentions += 1;
    sub.alert = true;
    sub.open = true;
    sub._updatedAt = ctx.state.now();
    notifySubscriptionChanged(ctx, 'updated', sub);
  }
}

function fanOut(ctx: ServerContext, room: RoomRecord, message: MessageRecord): void {
  ctx.hub.emit('stream-room-messages', room._id, [messageView(message)]);
  const extra = { roomParticipant: true, roomType: room.t, ...(room.name ? { roomName: room.name } : {}) };
  const sender = message.u;
  for (const sub of ctx.state.subscriptionsOfRoom(room._id)) {
    ctx.hub.emitToUser('stream-room-messages', '__my_messages__', [messageView(message), extra], sub.u._id);
    if (sub.u._id === sender._id) continue;
    const mentioned = message.mentions.some((m) => m._id === sub.u._id || m._id === 'all' || m._id === 'here');
    if (room.t !== 'd' && !mentioned) continue;
    const notification = {
      title: room.t === 'd' ? sender.username : `#${room.name ?? ''}`,
      text: room.t === 'd' ? message.msg : `${sender.username}: ${message.msg}`,
      payload: {
        _id: message._id,
        rid: room._id,
        sender: { _id: sender._id, username: sender.username, name: sender.name },
        type: room.t,
        ...(room.name ? { name: room.name } : {}),
        message: { msg: message.msg, ...(message.t ? { t: message.t } : {}) },
      },
    };
    ctx.hub.emit('stream-notify-user', `${sub.u._id}/notification`, [notification]);
  }
}
