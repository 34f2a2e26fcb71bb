import type { ServerContext } from '../context.js';
import type { RoomRecord, SubscriptionRecord, UserRecord } from '../store/types.js';
import { randomId } from '../util/ids.js';
import { notifyRemoved, notifyRoomChanged, notifySubscriptionChanged } from './notify.js';

function subscribe(ctx: ServerContext, room: RoomRecord, user: UserRecord, names: { name: string; fname: string }): SubscriptionRecord {
  const now = ctx.state.now();
  const sub: SubscriptionRecord = {
    _id: randomId(),
    rid: room._id,
    u: { _id: user._id, username: user.username, name: user.name },
    t: room.t,
    name: names.name,
    fname: names.fname,
    open: true,
    alert: false,
    unread: 0,
    userMentions: 0,
    groupMentions: 0,
    ts: now,
    ls: now,
    _updatedAt: now,
  };
  ctx.state.addSubscription(sub);
  return sub;
}

/**
 * The DM between exactly these users, created when missing. Like Rocket.Chat, a two-person DM's id is the two
 * user ids sorted and joined, so asking again always yields the same room.
 */
export function ensureDirectRoom(ctx: ServerContext, members: UserRecord[]): { room: RoomRecord; inserted: boolean } {
  // Plain code-unit order, as Rocket.Chat's `uids.sort()`: the DM id must not depend on the locale.
  const unique = [...new Map(members.map((u) => [u._id, u])).values()].sort((a, b) => (a._id < b._id ? -1 : a._id > b._id ? 1 : 0));
  const uids = unique.map((u) => u._id);
  const existing = ctx.state.directRoomWithMembers(uids);
  if (existing) return { room: existing, inserted: false };
  const now = ctx.state.now();
  const room: RoomRecord = {
    _id: uids.length <= 2 ? uids.join('') : randomId(),
    t: 'd',
    usernames: unique.map((u) => u.username).sort(),
    uids,
    ...newRoomFields(now, unique.length),
  };
  ctx.state.rooms.set(room._id, room);
  const subs = unique.map((user) => {
    const others = unique.filter((u) => u._id !== user._id);
    const shown = others.length > 0 ? others : [user];
    return subscribe(ctx, room, user, {
      name: shown.map((u) => u.username).join(', '),
      fname: shown.map((u) => u.name).join(', '),
    });
  });
  ctx.changed();
  notifyRoomChanged(ctx, 'inserted', room);
  for (const sub of subs) notifySubscriptionChanged(ctx, 'inserted', sub);
  return { room, inserted: true };
}

/** What every new room record starts with, as Rocket.Chat creates them. */
function newRoomFields(now: Date, usersCount: number) {
  return { msgs: 0, usersCount, ts: now, _updatedAt: now, default: false, ro: false, sysMes: true };
}

/** A public channel with the given members (the first one is its owner). */
export function createChannel(ctx: ServerContext, name: string, members: UserRecord[]): RoomRecord {
  if (ctx.state.channelByName(name)) throw new Error(`Channel already exists: ${name}`);
  const owner = members[0];
  const now = ctx.state.now();
  const room: RoomRecord = {
    _id: randomId(),
    t: 'c',
    name,
    fname: name,
    ...(owner ? { u: { _id: owner._id, username: owner.username } } : {}),
    ...newRoomFields(now, members.length),
  };
  ctx.state.rooms.set(room._id, room);
  for (const member of members) {
    const sub = subscribe(ctx, room, member, { name, fname: name });
    if (member === owner) sub.roles = ['owner'];
    notifySubscriptionChanged(ctx, 'inserted', sub);
  }
  ctx.changed();
  notifyRoomChanged(ctx, 'inserted', room);
  return room;
}

/** Marks everything in the room as read for the user: ls = now, no unread, no alert. */
export function markRead(ctx: ServerContext, sub: SubscriptionRecord): void {
  const now = ctx.state.now();
  sub.ls = now;
  sub.unread = 0;
  sub.alert = false;
  sub.userMentions = 0;
  sub.groupMentions = 0;
  sub._updatedAt = now;
  ctx.changed();
  notifySubscriptionChanged(ctx, 'updated', sub);
}

/** Adds a user to a channel (an owner's or admin's "Add users"); does nothing when they are in it already. */
export function addToRoom(ctx: ServerContext, room: RoomRecord, user: UserRecord): boolean {
  if (room.t !== 'c' || !room.name) throw new Error('Only channels take new members here');
  if (ctx.state.subscription(room._id, user._id)) return false;
  const sub = subscribe(ctx, room, user, { name: room.name, fname: room.fname ?? room.name });
  room.usersCount += 1;
  room._updatedAt = ctx.state.now();
  ctx.changed();
  notifySubscriptionChanged(ctx, 'inserted', sub);
  notifyRoomChanged(ctx, 'updated', room);
  return true;
}

/** Takes a user out of a room (leaving, or removed by an admin): their subscription goes, the room stays. */
export function removeFromRoom(ctx: ServerContext, room: RoomRecord, user: UserRecord): void {
  const sub = ctx.state.subscription(room._id, user._id);
  if (!sub) return;
  ctx.state.removeSubscription(sub, ctx.state.now());
  room.usersCount = Math.max(0, room.usersCount - 1);
  room._updatedAt = ctx.state.now();
  ctx.changed();
  notifyRemoved(ctx, sub);
  notifyRoomChanged(ctx, 'updated', room);
}

/** Deletes a room for everybody (an admin's "delete room"): every member is told it was removed. */
export function deleteRoom(ctx: ServerContext, room: RoomRecord): void {
  const subs = ctx.state.subscriptionsOfRoom(room._id);
  const at = ctx.state.now();
  for (const sub of subs) ctx.state.removeSubscription(sub, at);
  ctx.state.removeRoom(room, subs.map((sub) => sub.u._id), at);
  ctx.changed();
  for (const sub of subs) notifyRemoved(ctx, sub);
}


/** Rocket.Chat's archive / unarchive: every member's subscription gets `archived` (and closes), and hears it. */
export function setSubscriptionsArchived(ctx: ServerContext, room: RoomRecord, archived: boolean): void {
  for (const sub of ctx.state.subscriptionsOfRoom(room._id)) {
    sub.archived = archived;
    if (archived) sub.open = false;
    sub._updatedAt = ctx.state.now();
    notifySubscriptionChanged(ctx, 'updated', sub);
  }
  ctx.changed();
}
