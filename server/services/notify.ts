import type { ServerContext } from '../context.js';
import { roomView, statusTuple, subscriptionView } from '../store/views.js';
import type { RoomRecord, SubscriptionRecord, UserRecord } from '../store/types.js';
import { randomId } from '../util/ids.js';
import { memberIds } from './access.js';

export type ChangeAction = 'inserted' | 'updated' | 'removed';

/** `<uid>/rooms-changed` [action, room] to every member of the room. */
export function notifyRoomChanged(ctx: ServerContext, action: ChangeAction, room: RoomRecord): void {
  for (const uid of memberIds(ctx.state, room._id)) {
    ctx.hub.emit('stream-notify-user', `${uid}/rooms-changed`, [action, roomView(room)]);
  }
}

/**
 * What a member is told when a room goes away for them: `removed` with `{_id, u, rid}` on subscriptions-changed
 * and `{_id}` on rooms-changed, as real servers send them (not the full records).
 */
export function notifyRemoved(ctx: ServerContext, sub: SubscriptionRecord): void {
  const uid = sub.u._id;
  ctx.hub.emit('stream-notify-user', `${uid}/subscriptions-changed`, ['removed', { _id: sub._id, u: { _id: uid, username: sub.u.username }, rid: sub.rid }]);
  ctx.hub.emit('stream-notify-user', `${uid}/rooms-changed`, ['removed', { _id: sub.rid }]);
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
  const now = new Date();
  ctx.hub.emit('stream-notify-user', `${uid}/message`, [{
    groupable: false, msg, _id: randomId(), rid, ts: now, u: { _id: 'rocket.cat', username: 'rocket.cat' }, private: true,
    _updatedAt: now,
  }]);
}

/** The fields of the signed-in user's own record that Rocket.Chat publishes in collection `users`. */
export function ownRecordFields(user: UserRecord): Record<string, unknown> {
  return {
    username: user.username, name: user.name, status: user.status, statusDefault: user.statusDefault,
    statusText: user.statusText, statusConnection: user.statusConnection, utcOffset: user.utcOffset, active: user.active,
    roles: [...user.roles], type: user.type,
  };
}

/** A `changed` frame of collection `users` (not a stream) to every connection signed in as this user. */
export function notifyOwnRecord(ctx: ServerContext, user: UserRecord, fields: Record<string, unknown>): void {
  for (const session of ctx.sessions) {
    if (session.userId === user._id) session.send({ msg: 'changed', collection: 'users', id: user._id, fields });
  }
}
