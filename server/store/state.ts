import { stringifyEJSON } from '../util/ejson.js';
import type { MessageRecord, RoomRecord, Snapshot, SubscriptionRecord, UserRecord } from './types.js';

/** The in-memory database. Pure data structure: no I/O, no notifications. */
export class State {
  readonly users = new Map<string, UserRecord>();
  readonly rooms = new Map<string, RoomRecord>();
  readonly subscriptions = new Map<string, SubscriptionRecord>();
  private readonly messagesById = new Map<string, MessageRecord>();
  /** Per room, ascending by ts (ties keep insertion order). */
  private readonly roomMessages = new Map<string, MessageRecord[]>();
  /** Every message in the order it was stored. */
  private readonly messageLog: MessageRecord[] = [];
  private lastStamp = 0;

  /** A timestamp strictly later than every earlier one, so ordering and paging by ts never tie. */
  now(): Date {
    this.lastStamp = Math.max(Date.now(), this.lastStamp + 1);
    return new Date(this.lastStamp);
  }

  userByUsername(username: string): UserRecord | undefined {
    const wanted = username.toLowerCase();
    for (const user of this.users.values()) if (user.username.toLowerCase() === wanted) return user;
    return undefined;
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
    return [...this.subscriptions.values()].filter((sub) => sub.u._id === uid);
  }

  subscriptionsOfRoom(rid: string): SubscriptionRecord[] {
    return [...this.subscriptions.values()].filter((sub) => sub.rid === rid);
  }

  subscription(rid: string, uid: string): SubscriptionRecord | undefined {
    for (const sub of this.subscriptions.values()) if (sub.rid === rid && sub.u._id === uid) return sub;
    return undefined;
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
    };
    return stringifyEJSON(snapshot);
  }

  /** Replaces everything with a snapshot; nobody is connected after a load, so everyone starts offline. */
  load(snapshot: Snapshot): void {
    this.users.clear();
    this.rooms.clear();
    this.subscriptions.clear();
    this.messagesById.clear();
    this.roomMessages.clear();
    this.messageLog.length = 0;
    for (const user of snapshot.users) {
      user.status = 'offline';
      user.statusConnection = 'offline';
      this.users.set(user._id, user);
    }
    for (const room of snapshot.rooms) this.rooms.set(room._id, room);
    for (const sub of snapshot.subscriptions) this.subscriptions.set(sub._id, sub);
    for (const message of snapshot.messages) this.insertMessage(message);
  }
}
