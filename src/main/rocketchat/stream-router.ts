// Turns stream events (`changed` frames) into state changes: messages to the feed, room and subscription
// changes to the room list, activity to typing, user-status to presence. Every payload is validated first.
import type { AccountIdentity, AccountShared } from './account.js';
import { RelayedOtrRecord, toRelayed } from './native-otr.js';
import { presenceFromCode, toRcMessage } from './records.js';
import type { RoomDirectory } from './rooms.js';
import {
  BulkDeletion, EphemeralNotice, MessageRecord, parseOne, Removed, RoomRecord, SubscriptionRecord, UserActivityArgs, UserStatusArgs,
} from './schemas.js';

export interface RouterEffects {
  /** Rooms appeared or disappeared from the list (after the directory was updated). */
  roomsUpdated(added: string[], removed: string[]): void;
  /** The server's ephemeral notice to us about a room (how 8.x reports a refused send). */
  ephemeral(roomId: string, text: string): void;
}

/** `__my_messages__` sends `[message, extra]`; older servers `[[message], extra]`. */
const MY_MESSAGES = '__my_messages__';

type Action = 'inserted' | 'updated' | 'removed';

function actionOf(value: unknown): Action | undefined {
  return value === 'inserted' || value === 'updated' || value === 'removed' ? value : undefined;
}

export class StreamRouter {
  constructor(
    private readonly identity: AccountIdentity,
    private readonly shared: AccountShared,
    private readonly rooms: RoomDirectory,
    private readonly effects: RouterEffects,
  ) {}

  route(collection: string, eventName: string, args: unknown[]): void {
    switch (collection) {
      case 'stream-room-messages':
        if (eventName !== MY_MESSAGES) this.message(eventName, args[0]);
        else for (const payload of Array.isArray(args[0]) ? args[0] : [args[0]]) this.message(undefined, payload);
        return;
      case 'stream-notify-user':
        this.userEvent(eventName, args);
        return;
      case 'stream-notify-room':
        this.roomEvent(eventName, args);
        return;
      case 'stream-notify-logged':
        if (eventName === 'user-status') this.userStatus(args[0]);
        return;
      default:
        return;
    }
  }

  /** A message of the room `roomId` (its own stream) or of any room (`__my_messages__`: undefined). */
  private message(roomId: string | undefined, payload: unknown): void {
    if (typeof payload === 'object' && payload !== null && (payload as { t?: unknown }).t === 'otr') {
      // Rocket.Chat's own OTR: ciphertext (or an ack copy with the same _id) for the OTR side, never the feed.
      const relayed = parseOne(RelayedOtrRecord, payload, 'otr message', this.shared.logger);
      if (relayed && (roomId === undefined || relayed.rid === roomId)) this.shared.otrMessages.emit(toRelayed(relayed));
      return;
    }
    const record = parseOne(MessageRecord, payload, 'message', this.shared.logger);
    if (!record || (roomId !== undefined && record.rid !== roomId)) return;
    const message = toRcMessage(record);
    this.rooms.noteActivity(message.roomId, message.ts);
    this.shared.feed.live(message);
  }

  private userEvent(eventName: string, args: unknown[]): void {
    const prefix = `${this.identity.userId}/`;
    if (!eventName.startsWith(prefix)) return;
    const event = eventName.slice(prefix.length);
    if (event === 'message') {
      const notice = EphemeralNotice.safeParse(args[0]);
      if (notice.success) this.effects.ephemeral(notice.data.rid, notice.data.msg);
      return;
    }
    if (event === 'otr') {
      this.shared.otrSignals.emit(args);
      return;
    }
    const action = actionOf(args[0]);
    if (!action || (event !== 'rooms-changed' && event !== 'subscriptions-changed')) return;
    const before = new Set(this.rooms.roomIds());
    if (action === 'removed') {
      // Real servers send only `{_id, u, rid}` (subscriptions) and `{_id}` (rooms); a room that is gone for us
      // leaves the list at once either way.
      const removed = Removed.safeParse(args[1]);
      if (!removed.success) return;
      const roomId = event === 'rooms-changed' ? removed.data._id : typeof removed.data.rid === 'string' ? removed.data.rid : removed.data._id;
      this.rooms.applyRooms([], [roomId]);
      this.rooms.applySubscriptions([], [roomId]);
    } else if (event === 'rooms-changed') {
      const room = parseOne(RoomRecord, args[1], 'room', this.shared.logger);
      if (!room) return;
      this.rooms.applyRooms([room]);
    } else {
      const subscription = parseOne(SubscriptionRecord, args[1], 'subscription', this.shared.logger);
      if (!subscription) return;
      this.rooms.applySubscriptions([subscription]);
    }
    const after = new Set(this.rooms.roomIds());
    this.effects.roomsUpdated([...after].filter((id) => !before.has(id)), [...before].filter((id) => !after.has(id)));
  }

  private roomEvent(eventName: string, args: unknown[]): void {
    const slash = eventName.lastIndexOf('/');
    const event = eventName.slice(slash + 1);
    if (slash > 0 && (event === 'deleteMessage' || event === 'deleteMessageBulk')) {
      this.deletion(eventName.slice(0, slash), event, args[0]);
      return;
    }
    if (slash < 0 || event !== 'user-activity') return;
    const parsed = UserActivityArgs.safeParse(args);
    if (!parsed.success) {
      this.shared.logger.warn('[rocketchat] skipped a malformed user-activity event');
      return;
    }
    const [username, activities] = parsed.data;
    if (username === this.identity.username) return;
    this.shared.typing.activity(eventName.slice(0, slash), username, activities);
  }

  /** `deleteMessage` `{_id}`; `deleteMessageBulk` names ids, or a time range (and authors) as retention does. */
  private deletion(roomId: string, event: 'deleteMessage' | 'deleteMessageBulk', payload: unknown): void {
    if (event === 'deleteMessage') {
      const removed = Removed.safeParse(payload);
      if (removed.success) this.shared.deletions.emit(roomId, { ids: [removed.data._id] });
      return;
    }
    const bulk = parseOne(BulkDeletion, payload, 'bulk deletion', this.shared.logger);
    if (!bulk || bulk.rid !== roomId) return;
    if (bulk.ids) {
      this.shared.deletions.emit(roomId, { ids: bulk.ids });
      return;
    }
    const from = (bulk.ts?.$gte ?? bulk.ts?.$gt)?.getTime() ?? 0;
    const to = (bulk.ts?.$lte ?? bulk.ts?.$lt)?.getTime() ?? Number.MAX_SAFE_INTEGER;
    this.shared.deletions.emit(roomId, { ids: [], range: { from, to, usernames: bulk.users ?? [] } });
  }

  private userStatus(payload: unknown): void {
    const parsed = UserStatusArgs.safeParse(payload);
    if (!parsed.success) {
      this.shared.logger.warn('[rocketchat] skipped a malformed user-status event');
      return;
    }
    const [id, username, code] = parsed.data;
    const name = parsed.data[4];
    const presence = presenceFromCode(code);
    const isPeer = this.rooms.setPresence(id, presence);
    this.shared.presence.emit({ id, username, presence, ...(typeof name === 'string' ? { name } : {}) });
    if (isPeer) this.shared.roomsChanged.emit(this.rooms.list());
  }
}
