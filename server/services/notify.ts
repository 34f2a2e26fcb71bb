import type { ServerContext } from '../context.js';
import { roomView, statusTuple, subscriptionView } from '../store/views.js';
import type { RoomRecord, SubscriptionRecord, UserRecord } from '../store/types.js';
import { memberIds } from './access.js';

export type ChangeAction = 'inserted' | 'updated' | 'removed';

/** `<uid>/rooms-changed` [action, room] to every member of the room. */
export function notifyRoomChanged(ctx: ServerContext, action: ChangeAction, room: RoomRecord): void {
  for (const uid of memberIds(ctx.state, room._id)) {
    ctx.hub.emit('stream-notify-user', `${uid}/rooms-changed`, [action, roomView(room)]);
  }
}

/** `<uid>/subscriptions-changed` [action, subscription] to the subscription's owner. */
export function notifySubscriptionChanged(ctx: ServerContext, action: ChangeAction, sub: SubscriptionRecord): void {
  ctx.hub.emit('stream-notify-user', `${sub.u._id}/subscriptions-changed`, [action, subscriptionView(sub)]);
}

/** `user-status` on stream-notify-logged: [[uid, username, statusCode, statusText, name, roles]]. */
export function notifyUserStatus(ctx: ServerContext, user: UserRecord): void {
  ctx.hub.emit('stream-notify-logged', 'user-status', [statusTuple(user)]);
}

/** `<uid>/message`: an ephemeral notice only that user sees (how 8.x reports swallowed sendMessage errors). */
export function notifyEphemeral(ctx: ServerContext, uid: string, rid: string, msg: string): void {
  ctx.hub.emit('stream-notify-user', `${uid}/message`, [
    { _id: `ephemeral-${Date.now()}`, rid, ts: new Date(), msg, u: { _id: 'rocket.cat', username: 'rocket.cat' }, private: true },
  ]);
}
