// The rooms the user is in, merged from subscription records (name, unread) and room records (members, last
// activity), plus DM peers' presence. Pure state: the client feeds it records and events.
import type { Presence, Room, RoomType, SendBlock } from '../../contract/model.js';
import type { RoomRecord, SubscriptionRecord } from './schemas.js';

const ROOM_TYPES = new Set<string>(['d', 'c', 'p']);

export class RoomDirectory {
  private readonly subscriptions = new Map<string, SubscriptionRecord>();
  private readonly roomRecords = new Map<string, RoomRecord>();
  private readonly presence = new Map<string, Presence>();
  private readonly activity = new Map<string, number>();
  private presenceEvents = 0;
  private readonly presenceEventAt = new Map<string, number>();
  private subscriptionsSyncedAt: Date | undefined;
  private roomsSyncedAt: Date | undefined;

  constructor(private readonly myUserId: string, private readonly myUsername = '') {}

  /** Server dates to pass to subscriptions/get and rooms/get for a delta. */
  get syncDates(): { subscriptions?: Date; rooms?: Date } {
    return { subscriptions: this.subscriptionsSyncedAt, rooms: this.roomsSyncedAt };
  }

  /** `removed` may hold subscription ids or room ids: the server's remove lists carry the former. */
  applySubscriptions(updated: readonly SubscriptionRecord[], removed: readonly string[] = []): void {
    for (const record of updated) {
      if (!ROOM_TYPES.has(record.t)) continue;
      this.subscriptions.set(record.rid, record);
      this.subscriptionsSyncedAt = later(this.subscriptionsSyncedAt, record._updatedAt);
    }
    for (const id of removed) {
      for (const [rid, record] of this.subscriptions) {
        if (rid === id || record._id === id) this.subscriptions.delete(rid);
      }
    }
  }

  applyRooms(updated: readonly RoomRecord[], removed: readonly string[] = []): void {
    for (const record of updated) {
      this.roomRecords.set(record._id, record);
      this.roomsSyncedAt = later(this.roomsSyncedAt, record._updatedAt);
      const lastActivity = (record.lm ?? record._updatedAt)?.getTime();
      if (lastActivity !== undefined) this.noteActivity(record._id, lastActivity);
    }
    for (const id of removed) this.roomRecords.delete(id);
  }

  noteActivity(roomId: string, ts: number): void {
    const known = this.activity.get(roomId);
    if (known === undefined || ts > known) this.activity.set(roomId, ts);
  }

  /** When the user joined: older messages were never theirs to miss. */
  joinedAt(roomId: string): number | undefined {
    return this.subscriptions.get(roomId)?.ts?.getTime();
  }

  lastActivity(roomId: string): number | undefined {
    return this.activity.get(roomId);
  }

  activitySnapshot(): Map<string, number | undefined> {
    return new Map(this.roomIds().map((id) => [id, this.activity.get(id)]));
  }

  /** Marks a room read locally (the server confirms through subscriptions-changed). */
  markRead(roomId: string): boolean {
    const record = this.subscriptions.get(roomId);
    if (!record || !record.unread) return false;
    this.subscriptions.set(roomId, { ...record, unread: 0 });
    return true;
  }

  /** Marks a point in the stream of presence events, before asking the server for a snapshot. */
  presenceMark(): number {
    return this.presenceEvents;
  }

  /** A live user-status event. True when the user is the peer of one of our DMs (so the room list changed). */
  setPresence(userId: string, presence: Presence): boolean {
    this.presenceEvents++;
    this.presenceEventAt.set(userId, this.presenceEvents);
    return this.storePresence(userId, presence);
  }

  /** A snapshot answer: ignored for users whose live event came after `mark` (the answer is older than it). */
  setPresenceSnapshot(userId: string, presence: Presence, mark: number): boolean {
    if ((this.presenceEventAt.get(userId) ?? 0) > mark) return false;
    return this.storePresence(userId, presence);
  }

  private storePresence(userId: string, presence: Presence): boolean {
    if (this.presence.get(userId) === presence) return false;
    this.presence.set(userId, presence);
    return this.dmPeerIds().includes(userId);
  }

  roomIds(): string[] {
    return [...this.subscriptions.keys()];
  }

  has(roomId: string): boolean {
    return this.subscriptions.has(roomId);
  }

  dmPeerIds(): string[] {
    return this.list().flatMap((room) => (room.peer ? [room.peer.id] : []));
  }

  get(roomId: string): Room | undefined {
    const record = this.subscriptions.get(roomId);
    return record ? this.toRoom(record) : undefined;
  }

  /** Most recently active first. */
  list(): Room[] {
    return [...this.subscriptions.values()].map((record) => this.toRoom(record))
      .sort((a, b) => (b.lastActivityAt ?? 0) - (a.lastActivityAt ?? 0) || a.name.localeCompare(b.name));
  }

  private toRoom(record: SubscriptionRecord): Room {
    const room: Room = {
      id: record.rid,
      type: record.t as RoomType,
      name: record.name,
      displayName: record.fname ?? record.name,
      unread: record.unread ?? 0,
    };
    const lastActivityAt = this.activity.get(record.rid);
    if (lastActivityAt !== undefined) room.lastActivityAt = lastActivityAt;
    const sendBlock = this.sendBlockOf(record);
    if (sendBlock) room.sendBlock = sendBlock;
    const members = this.groupMembersOf(record);
    if (members) {
      // A group DM: no peer, so no OTR session can ever be set up in it.
      room.members = members;
      return room;
    }
    if (record.t === 'd') {
      const peerId = this.peerIdOf(record.rid);
      room.peer = { id: peerId, username: record.name };
      if (record.fname !== undefined) room.peer.name = record.fname;
      const presence = this.presence.get(peerId);
      if (presence) room.peer.presence = presence;
    }
    return room;
  }

  /** A DM with more than two people (Rocket.Chat names its subscription "a, b"): the others' usernames. */
  private groupMembersOf(record: SubscriptionRecord): string[] | undefined {
    if (record.t !== 'd') return undefined;
    const room = this.roomRecords.get(record.rid);
    const uids = new Set(room?.uids ?? []);
    if (uids.size <= 2 && !record.name.includes(', ')) return undefined;
    const names = room?.usernames?.filter((name) => name !== this.myUsername) ?? record.name.split(', ');
    return names.length > 0 ? names : record.name.split(', ');
  }

  private sendBlockOf(record: SubscriptionRecord): SendBlock | undefined {
    const room = this.roomRecords.get(record.rid);
    if (room?.encrypted === true) return 'e2e';
    if (record.archived === true || room?.archived === true) return 'archived';
    if (room?.ro === true) return 'read-only';
    if (this.myUsername !== '' && room?.muted?.includes(this.myUsername)) return 'muted';
    return undefined;
  }

  /** The other member of a DM: from the room's uids, else from the id (Rocket.Chat joins both user ids). */
  private peerIdOf(roomId: string): string {
    const uids = this.roomRecords.get(roomId)?.uids ?? [];
    const other = uids.find((uid) => uid !== this.myUserId);
    if (other) return other;
    if (uids.length > 0) return this.myUserId;
    const stripped = roomId.replace(this.myUserId, '');
    return stripped === '' ? this.myUserId : stripped;
  }
}

function later(current: Date | undefined, candidate: Date | undefined): Date | undefined {
  if (!candidate) return current;
  return !current || candidate > current ? candidate : current;
}
