// The DDP methods of Rocket.Chat 7.x's own OTR. On 8.x they do not exist (404 "Method ... not found").
import { checkObject, checkString } from '../ddp/check.js';
import { invalidUser, matchFailed, MeteorError } from '../ddp/errors.js';
import { canAccessRoom, isMember } from '../services/access.js';
import { deleteOldOtrMessages, invalidRoom } from '../services/otr.js';
import { roomView } from '../store/views.js';
import { hasNativeOtr } from '../versions.js';
import type { MethodHandler } from './types.js';

const isString = (v: unknown): v is string => typeof v === 'string';

/** Newest 7.x `check(message, {_id, rid, msg, t, ts: Date, u: {_id, username, name}})`: exactly these keys. */
function checkAckedMessage(value: unknown): asserts value is {
  _id: string; rid: string; msg: string; t: string; ts: Date; u: { _id: string; username: string; name: string };
} {
  checkObject(value);
  const keys = Object.keys(value).sort().join(',');
  if (keys !== '_id,msg,rid,t,ts,u') throw matchFailed();
  const { _id, rid, msg, t, ts, u } = value;
  if (!isString(_id) || !isString(rid) || !isString(msg) || !isString(t) || !(ts instanceof Date)) throw matchFailed();
  checkObject(u);
  if (Object.keys(u).sort().join(',') !== '_id,name,username' || !isString(u._id) || !isString(u.username) || !isString(u.name)) {
    throw matchFailed();
  }
}

/** Only on servers that have Rocket.Chat's own OTR; elsewhere the method is unknown, as on 8.x. */
function onlyBefore8(name: string, handler: MethodHandler): MethodHandler {
  return (call, params) => {
    if (!hasNativeOtr(call.ctx.options)) throw new MeteorError(404, `Method '${name}' not found`);
    return handler(call, params);
  };
}

export const otrMethods: Record<string, MethodHandler> = {
  updateOTRAck: onlyBefore8('updateOTRAck', (call, [params]) => {
    if (!call.userId) throw invalidUser('updateOTRAck');
    checkObject(params);
    const { message, ack } = params;
    checkString(ack);
    checkAckedMessage(message);
    if (message.t !== 'otr') throw new MeteorError('error-invalid-message', 'Invalid message type', { method: 'updateOTRAck' });
    const { state } = call.ctx;
    const room = state.rooms.get(message.rid);
    if (!room || room.t !== 'd') throw invalidRoom('updateOTRAck');
    if (!canAccessRoom(state, room, call.userId) || !isMember(state, room._id, message.u._id)) {
      throw new MeteorError('error-invalid-user', 'Invalid user, not in room', { method: 'updateOTRAck' });
    }
    // Everybody in the room gets the copy with the encrypted ack; the original sender recognises its own ack.
    const user = state.users.get(call.userId);
    call.ctx.hub.emit('stream-room-messages', room._id, [{ ...message, otrAck: ack }, user ? { _id: user._id, username: user.username, name: user.name } : undefined, roomView(room)]);
    return undefined;
  }),

  deleteOldOTRMessages: onlyBefore8('deleteOldOTRMessages', (call, [roomId]) => {
    if (!call.userId) throw invalidUser('deleteOldOTRMessages');
    checkString(roomId);
    const sub = call.ctx.state.subscription(roomId, call.userId);
    const room = call.ctx.state.rooms.get(roomId);
    if (!sub || room?.t !== 'd') throw invalidRoom('deleteOldOTRMessages');
    deleteOldOtrMessages(call.ctx, roomId);
    return undefined;
  }),
};
