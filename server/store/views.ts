import { cloneEJSON } from '../util/ejson.js';
import type { MessageRecord, RoomRecord, SubscriptionRecord, UserRecord, UserStatus } from './types.js';

// What clients get to see of stored records: copies, never secrets.

export const STATUS_CODES: Record<UserStatus, number> = { offline: 0, online: 1, away: 2, busy: 3 };

/** The user as other users see it (spotlight, getUsersOfRoom). */
export function publicUser(user: UserRecord): Record<string, unknown> {
  return {
    _id: user._id,
    username: user.username,
    name: user.name,
    status: user.status,
    statusText: user.statusText,
    utcOffset: user.utcOffset,
    ...(user.type === 'bot' ? { roles: [...user.roles] } : {}),
  };
}

/** The user as they see themselves (REST /me and login `me`). */
export function ownUser(user: UserRecord): Record<string, unknown> {
  return {
    _id: user._id,
    type: user.type,
    active: user.active,
    username: user.username,
    name: user.name,
    emails: cloneEJSON(user.emails),
    status: user.status,
    statusConnection: user.statusConnection,
    statusDefault: user.statusDefault,
    statusText: user.statusText,
    utcOffset: user.utcOffset,
    roles: [...user.roles],
    settings: { preferences: {} },
    services: user.services.totp ? { totp: { enabled: true } } : {},
    createdAt: user.createdAt,
    _updatedAt: user._updatedAt,
  };
}

export const roomView = (room: RoomRecord): RoomRecord => cloneEJSON(room);
export const subscriptionView = (sub: SubscriptionRecord): SubscriptionRecord => cloneEJSON(sub);
export const messageView = (message: MessageRecord): MessageRecord => cloneEJSON(message);

/** The `user-status` event payload item: [uid, username, statusCode, statusText, name, roles]. */
export function statusTuple(user: UserRecord): unknown[] {
  return [user._id, user.username, STATUS_CODES[user.status], user.statusText, user.name, [...user.roles]];
}
