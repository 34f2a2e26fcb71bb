import {
  checkOptionalBoolean, checkOptionalDate, checkOptionalObject, checkOptionalString, checkString, checkStringArray,
} from '../ddp/check.js';
import { invalidUser, matchFailed, MeteorError } from '../ddp/errors.js';
import { canAccessRoom } from '../services/access.js';
import { ensureDirectRoom, markRead, removeFromRoom } from '../services/rooms.js';
import { publicUser, roomView, subscriptionView } from '../store/views.js';
import type { UserRecord } from '../store/types.js';
import type { MethodHandler } from './types.js';

/** Full list, or `{update, remove}` of what changed after `since` (`remove`: `{_id, _deletedAt}` from the trash). */
function sinceResult<T extends { _updatedAt: Date }>(
  records: T[], since: Date | null | undefined, removed: (since: Date) => { _id: string; _deletedAt: Date }[],
): T[] | { update: T[]; remove: { _id: string; _deletedAt: Date }[] } {
  if (!since) return records;
  return { update: records.filter((r) => r._updatedAt.getTime() > since.getTime()), remove: removed(since) };
}

function contains(haystack: string, needle: string): boolean {
  return haystack.toLowerCase().includes(needle.toLowerCase());
}

export const roomMethods: Record<string, MethodHandler> = {
  'rooms/get'(call, [since]) {
    checkOptionalDate(since);
    if (!call.userId) return [];
    const rooms = call.ctx.state.subscriptionsOfUser(call.userId)
      .map((sub) => call.ctx.state.rooms.get(sub.rid))
      .filter((room) => room !== undefined)
      .map(roomView);
    const uid = call.userId;
    return sinceResult(rooms, since, (after) => call.ctx.state.removedSince('rooms', uid, after));
  },

  'subscriptions/get'(call, [since]) {
    checkOptionalDate(since);
    if (!call.userId) return [];
    const uid = call.userId;
    return sinceResult(call.ctx.state.subscriptionsOfUser(uid).map(subscriptionView), since,
      (after) => call.ctx.state.removedSince('subscriptions', uid, after));
  },

  createDirectMessage(call, usernames) {
    checkStringArray(usernames);
    const { state } = call.ctx;
    const me = call.userId ? state.users.get(call.userId) : undefined;
    if (!me) throw invalidUser('createDirectMessage');
    const others: UserRecord[] = [];
    for (const username of usernames) {
      const user = state.userByUsername(username);
      if (!user) throw invalidUser('createDirectMessage');
      others.push(user);
    }
    const { room } = ensureDirectRoom(call.ctx, [me, ...others]);
    return { ...roomView(room), rid: room._id };
  },

  /** Leaves a channel (Rocket.Chat refuses leaving a direct room: it can only be hidden). */
  leaveRoom(call, [rid]) {
    checkString(rid);
    const { state } = call.ctx;
    const user = call.userId ? state.users.get(call.userId) : undefined;
    if (!user) throw invalidUser('leaveRoom');
    const room = state.rooms.get(rid);
    if (!room) throw new MeteorError('error-invalid-room', 'Invalid room', { method: 'leaveRoom' });
    const sub = state.subscription(rid, user._id);
    if (room.t === 'd' || !sub) throw new MeteorError('error-not-allowed', 'Not allowed', { method: 'leaveRoom' });
    removeFromRoom(call.ctx, room, user);
    return true;
  },

  readMessages(call, [rid, readThreads]) {
    checkString(rid);
    checkOptionalBoolean(readThreads);
    if (!call.userId) throw invalidUser('readMessages');
    const sub = call.ctx.state.subscription(rid, call.userId);
    if (!sub) throw new MeteorError('error-invalid-subscription', 'Invalid subscription', { method: 'readMessages' });
    markRead(call.ctx, sub);
    return undefined;
  },

  getUsersOfRoom(call, [rid, showAll, options, filter]) {
    checkString(rid);
    checkOptionalBoolean(showAll);
    checkOptionalObject(options);
    checkOptionalString(filter);
    const limit = options?.limit ?? 0;
    const skip = options?.skip ?? 0;
    if (typeof limit !== 'number' || typeof skip !== 'number') throw matchFailed();
    const { state } = call.ctx;
    if (!call.userId) throw invalidUser('getUsersOfRoom');
    const room = state.rooms.get(rid);
    if (!room) throw new MeteorError('error-invalid-room', 'Invalid room', { method: 'getUsersOfRoom' });
    if (!canAccessRoom(state, room, call.userId)) throw new MeteorError('error-not-allowed', 'Not allowed', { method: 'getUsersOfRoom' });
    const members = state.subscriptionsOfRoom(rid)
      .map((sub) => state.users.get(sub.u._id))
      .filter((user): user is UserRecord => user !== undefined)
      .filter((user) => showAll === true || user.status !== 'offline')
      .filter((user) => !filter || contains(user.username, filter) || contains(user.name, filter))
      .sort((a, b) => a.username.localeCompare(b.username));
    const page = limit > 0 ? members.slice(skip, skip + limit) : members.slice(skip);
    return { total: members.length, records: page.map(publicUser) };
  },

  spotlight(call, [text, usernames, type, rid]) {
    checkString(text);
    if (usernames !== undefined && usernames !== null) checkStringArray(usernames);
    checkOptionalObject(type);
    checkOptionalString(rid);
    const wants = { users: type?.users !== false, rooms: type?.rooms !== false };
    if (!call.userId) return { users: [], rooms: [] };
    let query = text.trim();
    if (query.startsWith('#')) [wants.users, query] = [false, query.slice(1)];
    if (query.startsWith('@')) [wants.rooms, query] = [false, query.slice(1)];
    const { state } = call.ctx;
    const excluded = new Set((usernames ?? []).map((u) => u.toLowerCase()));
    const users = !wants.users ? [] : [...state.users.values()]
      .filter((u) => u.active && !excluded.has(u.username.toLowerCase()))
      .filter((u) => contains(u.username, query) || contains(u.name, query))
      .sort((a, b) => a.username.localeCompare(b.username))
      .slice(0, 5)
      .map((u) => ({
        _id: u._id, username: u.username, name: u.name, status: u.status, statusText: u.statusText,
        ...(rid && !state.subscription(rid, u._id) ? { outside: true } : {}),
      }));
    const rooms = !wants.rooms ? [] : [...state.rooms.values()]
      .filter((r) => r.t === 'c' && contains(r.name ?? '', query))
      .sort((a, b) => (a.name ?? '').localeCompare(b.name ?? ''))
      .slice(0, 5)
      .map((r) => ({ _id: r._id, name: r.name, fname: r.fname, t: r.t, ...(r.lastMessage ? { lastMessage: r.lastMessage } : {}) }));
    return { users, rooms };
  },
};
