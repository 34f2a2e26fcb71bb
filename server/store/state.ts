import { stringifyEJSON } from '../util/ejson.js';
import type { MessageRecord, RoomRecord, Snapshot, SubscriptionRecord, TrashedMessage, UserRecord } from './types.js';

interface TrashEntry {
  collection: 'subscriptions' | 'rooms';
  _id: string;
  rid: string;
  uid: string;
  _deletedAt: Date;
}

/** The in-memory database. Pure data structure: no I/O, no notifications. */
export class State {
  /** Read freely; add users with addUser so the username index stays right. */
  readonly users = new Map<string, UserRecord>();
  readonly rooms = new Map<string, RoomRecord>();
  private readonly subscriptions = new Map<string, SubscriptionRecord>();
  // Indexes that keep message fan-out and lookups independent of the total number of users and rooms.
  private readonly usersByName = new Map<string, UserRecord>();
  private readonly subsByRoom = new Map<string, Map<string, SubscriptionRecord>>();
  private readonly subsByUser = new Map<string, Map<string, SubscriptionRecord>>();
  private readonly messagesById = new Map<string, MessageRecord>();
  /** Per room, ascending by ts (ties keep insertion order). */
  private readonly roomMessages = new Map<string, MessageRecord[]>();
  /** Every message in the order it was stored. */
  private readonly messageLog: MessageRecord[] = [];
  private lastStamp = 0;
  private readonly trash: TrashEntry[] = [];
  /** Deleted messages as Rocket.Chat's trash keeps them (`_deletedAt`), for `messages/get` with `lastUpdate`. */
  private readonly messageTrash: TrashedMessage[] = [];

  /** A timestamp strictly later than every earlier one, so ordering and paging by ts never tie. */
  now(): Date {
    this.lastStamp = Math.max(Date.now(), this.lastStamp + 1);
    return new Date(this.lastStamp);
  }

  addUser(user: UserRecord): void {
    this.users.set(user._id, user);
    this.usersByName.set(user.username.toLowerCase(), user);
  }

  userByUsername(username: string): UserRecord | undefined {
    return this.usersByName.get(username.toLowerCase());
  }

  addSubscription(sub: SubscriptionRecord): void {
    this.subscriptions.set(sub._id, sub);
    const byRoom = this.subsByRoom.get(sub.rid) ?? new Map<string, SubscriptionRecord>();
    byRoom.set(sub.u._id, sub);
    this.subsByRoom.set(sub.rid, byRoom);
    const byUser = this.subsByUser.get(sub.u._id) ?? new Map<string, SubscriptionRecord>();
    byUser.set(sub.rid, sub);
    this.subsByUser.set(sub.u._id, byUser);
  }

  /** Removes a subscription, keeping `{_id, rid, uid, _deletedAt}` for `subscriptions/get` deltas (Rocket.Chat's trash). */
  removeSubscription(sub: SubscriptionRecord, at: Date): void {
    this.subscriptions.delete(sub._id);
    this.subsByRoom.get(sub.rid)?.delete(sub.u._id);
    this.subsByUser.get(sub.u._id)?.delete(sub.rid);
    this.trash.push({ collection: 'subscriptions', _id: sub._id, rid: sub.rid, uid: sub.u._id, _deletedAt: at });
  }

  /** Removes a room (its subscriptions must be removed first); members learn of it through `rooms/get` deltas. */
  removeRoom(room: RoomRecord, uids: string[], at: Date): void {
    this.rooms.delete(room._id);
    for (const uid of uids) this.trash.push({ collection: 'rooms', _id: room._id, rid: room._id, uid, _deletedAt: at });
  }

  /** What was removed for this user after `since`, per collection. */
  removedSince(collection: TrashEntry['collection'], uid: string, since: Date): { _id: string; _deletedAt: Date }[] {
    return this.trash
      .filter((entry) => entry.collection === collection && entry.uid === uid && entry._deletedAt.getTime() > since.getTime())
      .map(({ _id, _deletedAt }) => ({ _id, _deletedAt }));
  }

  userByEmail(email: string): UserRecord | undefined {
    const wanted = email.toLowerCase();
    for (const user of this.users.values()) {
      if (user.emails.some((entry) => entry.address.toLowerCase() === wanted)) return user;
    }
    return undefined;
  }

  userByHashedToken(hashedToken: string): UserRecord | undefined {
    for (const user of this.users.values()) {
      if (user.services.resume.loginTokens.some((token) => token.hashedToken === hashedToken)) return user;
    }
    return undefined;
  }

  subscriptionsOfUser(uid: string): SubscriptionRecord[] {
    return [...(this.subsByUser.get(uid)?.values() ?? [])];
  }

  subscriptionsOfRoom(rid: string): SubscriptionRecord[] {
    return [...(this.subsByRoom.get(rid)?.values() ?? [])];
  }

  subscription(rid: string, uid: string): SubscriptionRecord | undefined {
    return this.subsByRoom.get(rid)?.get(uid);
  }

  /** The DM whose members are exactly these user ids, if any. */
  directRoomWithMembers(uids: string[]): RoomRecord | undefined {
    const wanted = [...new Set(uids)].sort().join(',');
    for (const room of this.rooms.values()) {
      if (room.t === 'd' && [...new Set(room.uids ?? [])].sort().join(',') === wanted) return room;
    }
    return undefined;
  }

  channelByName(name: string): RoomRecord | undefined {
    for (const room of this.rooms.values()) if (room.t === 'c' && room.name === name) return room;
    return undefined;
  }

  message(id: string): MessageRecord | undefined {
    return this.messagesById.get(id);
  }

  insertMessage(message: MessageRecord): void {
    this.messagesById.set(message._id, message);
    this.messageLog.push(message);
    const list = this.roomMessages.get(message.rid) ?? [];
    let index = list.length;
    while (index > 0 && (list[index - 1]?.ts.getTime() ?? 0) > message.ts.getTime()) index -= 1;
    list.splice(index, 0, message);
    this.roomMessages.set(message.rid, list);
    this.lastStamp = Math.max(this.lastStamp, message.ts.getTime());
  }

  /** Removes a room's messages that match into the trash, as Rocket.Chat's message model does; returns how many. */
  trashMessages(rid: string, match: (m: MessageRecord) => boolean, at: Date): number {
    const gone = (this.roomMessages.get(rid) ?? []).filter(match);
    for (const m of gone) this.messageTrash.push({ _id: m._id, rid, ts: m.ts, _deletedAt: at });
    return this.deleteMessages(rid, (m) => gone.includes(m));
  }

  /** A room's messages changed after `since` (`_updatedAt`) and those trashed after it, newest first (by `ts`). */
  changesSince(rid: string, since: Date): { updated: MessageRecord[]; deleted: { _id: string; _deletedAt: Date }[] } {
    const after = since.getTime();
    const updated = (this.roomMessages.get(rid) ?? []).filter((m) => m._updatedAt.getTime() > after).reverse();
    const deleted = this.messageTrash.filter((m) => m.rid === rid && m._deletedAt.getTime() > after)
      .sort((a, b) => b.ts.getTime() - a.ts.getTime()).map(({ _id, _deletedAt }) => ({ _id, _deletedAt }));
    return { updated, deleted };
  }

  /** A room's messages and trash entries (`{_id, _updatedAt}` / `{_id, _deletedAt}`), for cursor paging. */
  updatedIn(rid: string): MessageRecord[] {
    return [...(this.roomMessages.get(rid) ?? [])];
  }

  trashedIn(rid: string): { _id: string; _deletedAt: Date }[] {
    return this.messageTrash.filter((m) => m.rid === rid).map(({ _id, _deletedAt }) => ({ _id, _deletedAt }));
  }

  /** Removes a room's messages that match (no trash, as `deleteOldOTRMessages` does); returns how many. */
  deleteMessages(rid: string, match: (m: MessageRecord) => boolean): number {
    const list = this.roomMessages.get(rid) ?? [];
    const gone = new Set(list.filter(match));
    if (gone.size === 0) return 0;
    this.roomMessages.set(rid, list.filter((m) => !gone.has(m)));
    const kept = this.messageLog.filter((m) => !gone.has(m));
    this.messageLog.splice(0, this.messageLog.length, ...kept);
    for (const m of gone) this.messagesById.delete(m._id);
    return gone.size;
  }

  /** Messages of a room with ts strictly before `end` (all when null), newest first, at most `limit`. */
  history(rid: string, end: Date | null, limit: number, keep: (m: MessageRecord) => boolean = () => true): MessageRecord[] {
    const list = this.roomMessages.get(rid) ?? [];
    // Binary search for the first message at or after `end`; everything before it is eligible.
    let low = 0;
    let high = list.length;
    while (end && low < high) {
      const mid = (low + high) >>> 1;
      if ((list[mid]?.ts.getTime() ?? 0) < end.getTime()) low = mid + 1;
      else high = mid;
    }
    const out: MessageRecord[] = [];
    for (let i = (end ? low : list.length) - 1; i >= 0 && out.length < limit; i -= 1) {
      const message = list[i];
      if (message && keep(message)) out.push(message);
    }
    return out;
  }

  /** Messages of a room with after < ts < before. */
  countBetween(rid: string, after: Date, before: Date): MessageRecord[] {
    return (this.roomMessages.get(rid) ?? []).filter(
      (m) => m.ts.getTime() > after.getTime() && m.ts.getTime() < before.getTime(),
    );
  }

  allMessages(): readonly MessageRecord[] {
    return this.messageLog;
  }

  /** The data file text: EJSON of a Snapshot. */
  serialize(): string {
    const snapshot: Snapshot = {
      format: 1,
      users: [...this.users.values()],
      rooms: [...this.rooms.values()],
      subscriptions: [...this.subscriptions.values()],
      messages: this.messageLog,
      messageTrash: this.messageTrash,
    };
    return stringifyEJSON(snapshot);
  }

  /** Replaces everything with a snapshot; nobody is connected after a load, so everyone starts offline. */
  load(snapshot: Snapshot): void {
    this.users.clear();
    this.usersByName.clear();
    this.rooms.clear();
    this.subscriptions.clear();
    this.subsByRoom.clear();
    this.subsByUser.clear();
    this.messagesById.clear();
    this.roomMessages.clear();
    this.messageLog.length = 0;
    this.messageTrash.splice(0, this.messageTrash.length, ...(snapshot.messageTrash ?? []));
    for (const user of snapshot.users) {
      user.status = 'offline';
      user.statusConnection = 'offline';
      this.addUser(user);
    }
    for (const room of snapshot.rooms) this.rooms.set(room._id, room);
    for (const sub of snapshot.subscriptions) this.addSubscription(sub);
    for (const message of snapshot.messages) this.insertMessage(message);
  }
}
