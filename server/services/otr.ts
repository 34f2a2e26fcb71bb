// Rocket.Chat 7.x's own OTR on the server side: it relays, it never keeps. 8.x has none of this (see versions.ts).
import type { ServerContext } from '../context.js';
import { MeteorError } from '../ddp/errors.js';
import type { MessageRecord, RoomRecord, UserRecord } from '../store/types.js';
import { messageView, roomView } from '../store/views.js';
import { randomId } from '../util/ids.js';

/** The persisted system messages `/v1/chat.otr` creates. */
export const OTR_SYSTEM_TYPES = ['user_joined_otr', 'user_requested_otr_key_refresh', 'user_key_refreshed_successfully'] as const;
export type OtrSystemType = (typeof OTR_SYSTEM_TYPES)[number];

export function isOtrSystemType(value: unknown): value is OtrSystemType {
  return typeof value === 'string' && (OTR_SYSTEM_TYPES as readonly string[]).includes(value);
}

/** A prepared `t: 'otr'` message as 7.x's sendMessage returns it: not stored, no `_id` minted. */
export interface RelayedOtrMessage {
  _id?: string;
  rid: string;
  msg: string;
  t: 'otr';
  ts: Date;
  u: { _id: string; username: string; name: string };
}

/**
 * 7.x `sendMessage` with `t: 'otr'`: broadcast on the room stream as `[message, user, room]` and return it. Not in
 * the database, so not in loadHistory; not on `__my_messages__`, no unread counts, no notifications.
 */
export function relayOtrMessage(ctx: ServerContext, user: UserRecord, room: RoomRecord, input: { _id?: string | null; msg: string; ts: Date }): RelayedOtrMessage {
  const message: RelayedOtrMessage = {
    ...(input._id ? { _id: input._id } : {}),
    rid: room._id,
    msg: input.msg,
    t: 'otr',
    ts: input.ts,
    u: { _id: user._id, username: user.username, name: user.name },
  };
  ctx.traffic.otrRelays.push({ _id: message._id, rid: room._id, uid: user._id });
  const sender = { _id: user._id, username: user.username, name: user.name };
  ctx.hub.emit('stream-room-messages', room._id, [message, sender, roomView(room)]);
  return message;
}

/** `deleteOldOTRMessages`: removes the room's `otr` messages and OTR system messages up to now, bypassing the trash. */
export function deleteOldOtrMessages(ctx: ServerContext, rid: string): void {
  const now = Date.now();
  const otrTypes = new Set<string>(['otr', 'otr-ack', ...OTR_SYSTEM_TYPES]);
  const removed = ctx.state.deleteMessages(rid, (m) => m.t !== undefined && otrTypes.has(m.t) && m.ts.getTime() <= now);
  if (removed > 0) ctx.changed();
}

/** `Message.saveSystemMessage(type, rid, username, user)`: a persisted system message, sent to the room like others. */
export function saveOtrSystemMessage(ctx: ServerContext, user: UserRecord, room: RoomRecord, type: OtrSystemType): MessageRecord {
  const message: MessageRecord = {
    _id: randomId(),
    rid: room._id,
    msg: user.username,
    t: type,
    groupable: false,
    ts: ctx.state.now(),
    u: { _id: user._id, username: user.username },
    _updatedAt: ctx.state.now(),
    urls: [],
    mentions: [],
    channels: [],
  };
  ctx.state.insertMessage(message);
  ctx.hub.emit('stream-room-messages', room._id, [messageView(message)]);
  const extra = { roomParticipant: true, roomType: room.t };
  for (const sub of ctx.state.subscriptionsOfRoom(room._id)) {
    ctx.hub.emitToUser('stream-room-messages', '__my_messages__', [messageView(message), extra], sub.u._id);
  }
  ctx.changed();
  return message;
}

export function invalidRoom(method: string): MeteorError {
  return new MeteorError('error-invalid-room', 'Invalid room', { method });
}
