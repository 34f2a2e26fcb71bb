// One signed-in account on one server: the reconnecting connection, the rooms, the streams and the send queue.
// A new Account is made for every sign-in; listeners live in the client and are handed in.
import type { ConnectionState, Room, User } from '../../contract/model.js';
import type { RelayedOtrMessage } from '../../otr/native/ports.js';
import { serverHasNativeOtr } from '../../otr/native/protocol-choice.js';
import { classifyTokenError, resumeLogin } from './auth.js';
import { CallBudget } from './budget.js';
import { DEFAULT_MAX_FILE_SIZE, DEFAULT_MEDIA_TYPE_BLACKLIST } from './files.js';
import { fetchHistoryPage } from './history.js';
import { CatchUp } from './catch-up.js';
import { ConnectionLoop } from './connection-loop.js';
import { DdpMethodError, type DdpConnection } from './ddp-connection.js';
import type { Emitter } from './emitter.js';
import { fromDdpError, RcError, rcError } from './errors.js';
import type { MessageFeed } from './message-feed.js';
import { RoomWatch } from './room-watch.js';
import { RoomDirectory } from './rooms.js';
import { fetchRoomChanges } from './room-sync.js';
import { LoginResult, parseEach, PublicSetting, RoomRecord, SubscriptionRecord, SyncResult, UserRecord, Removed } from './schemas.js';
import { presenceFromStatus } from './records.js';
import { SendQueue } from './send-queue.js';
import { StreamRouter } from './stream-router.js';
import { StreamSubscriptions } from './subscriptions.js';
import type { TypingTracker } from './typing.js';
import type { Logger, RcDeletion, RcHistoryPage, RcMessage, RcRoomChanges, RocketChatOptions } from './types.js';
import type { LoopDeps } from './connection-loop.js';
import { websocketUrl } from './url.js';

export interface AccountIdentity {
  serverUrl: string;
  serverVersion?: string;
  userId: string;
  token: string;
  /** A personal access token the user pasted: it never expires, and signing out must not delete it on the server. */
  personalAccessToken?: boolean;
  username: string;
  name?: string;
}

export interface AccountShared {
  loopDeps: LoopDeps;
  logger: Logger;
  options: RocketChatOptions;
  feed: MessageFeed;
  typing: TypingTracker;
  roomsChanged: Emitter<[Room[]]>;
  presence: Emitter<[User]>;
  states: Emitter<[ConnectionState]>;
  /** Rocket.Chat's own OTR (7.x): `<myId>/otr` events and relayed `t: 'otr'` messages, never through the feed. */
  otrSignals: Emitter<[unknown[]]>;
  otrMessages: Emitter<[RelayedOtrMessage]>;
  /** Deletions announced on `<rid>/deleteMessage[Bulk]`. */
  deletions: Emitter<[string, RcDeletion]>;
  /** The server refused our token: the stored sign-in is worthless now. */
  onTokenRefused(): void;
}

/** Rocket.Chat's default Message_MaxAllowedSize, used until the server says otherwise. */
export const DEFAULT_MAX_MESSAGE_SIZE = 5000;

export class Account {
  readonly loop: ConnectionLoop;
  readonly rooms: RoomDirectory;
  readonly sends: SendQueue;
  /** Paces every call and subscription to the server's rate limits. */
  readonly budget: CallBudget;
  private readonly streams: StreamSubscriptions;
  private readonly router: StreamRouter;
  private readonly watch: RoomWatch;
  /** Rooms reopened after a time unwatched, and since when: their changes are fetched once (`roomChanges`). */
  private readonly unwatched = new Map<string, number>();
  private readonly catchUp: CatchUp;
  private readonly offFeed: () => void;
  maxMessageSize = DEFAULT_MAX_MESSAGE_SIZE;
  maxFileSize = DEFAULT_MAX_FILE_SIZE;
  mediaTypeBlacklist = DEFAULT_MEDIA_TYPE_BLACKLIST;
  /** The public setting `OTR_Enable`; null until read, and on 8.x where it no longer exists. */
  otrEnable: boolean | null = null;
  private settingsRead = false;

  constructor(readonly identity: AccountIdentity, private readonly shared: AccountShared) {
    const { loopDeps, logger } = shared;
    this.rooms = new RoomDirectory(identity.userId, identity.username);
    this.streams = new StreamSubscriptions(loopDeps.clock, logger);
    this.watch = new RoomWatch(this.streams, () => loopDeps.clock.now());
    const { catchUpPageSize: pageSize, catchUpMaxPerRoom: maxPerRoom } = shared.options;
    this.catchUp = new CatchUp({ rooms: this.rooms, clock: loopDeps.clock, logger, pageSize, maxPerRoom });
    this.offFeed = shared.feed.messages.on((roomId, message) => this.catchUp.delivered(roomId, message.ts));
    this.router = new StreamRouter(identity, shared, this.rooms, {
      roomsUpdated: (added, removed) => this.roomsUpdated(added, removed, true),
      ephemeral: (roomId, text) => this.sends.refusedByNotice(roomId, text),
    });
    this.budget = new CallBudget(loopDeps.clock);
    this.loop = new ConnectionLoop({ ...loopDeps, pace: shared.options.paceCalls ? this.budget : undefined }, {
      prepare: (connection, reconnect) => this.prepare(connection, reconnect),
      isFatal: (error) => error.code === 'not-signed-in',
      onChanged: (collection, eventName, args) => this.router.route(collection, eventName, args),
      onSubscriptionLost: (subId, error) => this.streams.lost(subId, error),
      onLost: () => shared.typing.clear(),
    });
    this.loop.states.on((state) => {
      if (state.kind === 'offline' && state.error.code === 'not-signed-in') shared.onTokenRefused();
      shared.states.emit(state);
    });
    this.sends = new SendQueue({
      call: (method, params) => this.loop.call(method, params),
      whenOnline: () => this.loop.whenOnline(),
      confirm: (roomId, id) => this.confirmSend(roomId, id),
      clock: loopDeps.clock,
    });
    // What the official clients subscribe once: every room's messages, the own room list and notices, presence.
    const userId = identity.userId;
    void this.streams.want('stream-room-messages', '__my_messages__');
    for (const event of ['rooms-changed', 'subscriptions-changed', 'message']) void this.streams.want('stream-notify-user', `${userId}/${event}`);
    void this.streams.want('stream-notify-logged', 'user-status');
  }

  /**
   * The room on screen (undefined: none): its per-room streams are on, and a room that missed messages while we
   * were away is caught up now. Resolves when its missed messages were delivered (or could not be fetched yet).
   */
  async focus(roomId: string | undefined): Promise<void> {
    const since = roomId === undefined ? undefined : this.watch.unwatchedSince(roomId);
    this.watch.open(roomId);
    // A window not fetched yet (the call failed) stays covered.
    if (roomId !== undefined && since !== undefined) this.unwatched.set(roomId, Math.min(this.unwatched.get(roomId) ?? since, since));
    if (roomId !== undefined && this.catchUp.isStale(roomId)) await this.catchUpRoom(roomId);
  }

  /** What changed in the room just reopened since it was last watched (once); null when nothing was missed. */
  async roomChanges(roomId: string): Promise<RcRoomChanges | 'unsupported' | null> {
    const since = this.unwatched.get(roomId);
    if (since === undefined) return null;
    const { logger, loopDeps: { clock } } = this.shared;
    const changes = await fetchRoomChanges((m, p) => this.loop.call(m, p), clock, logger, roomId, since);
    // Only once fetched: a failed call is tried again at the next reopen, from the same time.
    this.unwatched.delete(roomId);
    return changes;
  }

  /** The newest page of a room whose catch-up read it a moment ago (opening a room needs both), else undefined. */
  newestPage(roomId: string, limit: number): RcHistoryPage | undefined {
    return this.catchUp.takeNewest(roomId, limit);
  }

  /** A DM with an OTR session in flight: its per-room streams stay on and its catch-up comes first. */
  watchOtr(roomId: string, inFlight: boolean): void {
    this.watch.set(roomId, 'otr', inFlight);
  }

  me(): { id: string; username: string; name?: string } {
    const me: { id: string; username: string; name?: string } = { id: this.identity.userId, username: this.identity.username };
    if (this.identity.name !== undefined) me.name = this.identity.name;
    return me;
  }

  start(): Promise<void> {
    return this.loop.start(websocketUrl(this.identity.serverUrl));
  }

  /** Logs out on the server (best effort: the token is forgotten locally either way), then stops. */
  async signOut(): Promise<void> {
    // Unsubscribe first: the server ends every stream when the login goes, and that is no loss to report.
    this.streams.clear();
    // DDP logout destroys the token in use, which for a personal access token is the user's PAT itself.
    if (this.loop.connection && this.identity.personalAccessToken !== true) {
      await this.call('logout', []).catch(() => this.shared.logger.warn('[rocketchat] logout on the server failed; the token is forgotten anyway'));
    }
    this.stop();
  }

  stop(): void {
    this.offFeed();
    this.loop.stop();
    this.streams.clear();
    this.sends.clear(rcError('not-signed-in'));
  }

  /** A method call on the online connection, with server errors mapped to RcError. */
  async call(method: string, params: unknown[]): Promise<unknown> {
    try {
      return await this.loop.call(method, params);
    } catch (error) {
      throw error instanceof DdpMethodError ? fromDdpError(error.ddp, this.shared.loopDeps.clock.now()) : error;
    }
  }

  /**
   * A send the server answered with nothing: the stored message if it is in the room's newest history now, or
   * reaches us within `sendConfirmMs`, or is in history then; undefined when it never shows up.
   */
  private async confirmSend(roomId: string, id: string): Promise<RcMessage | undefined> {
    const { feed, options, loopDeps: { clock } } = this.shared;
    const inHistory = async (): Promise<RcMessage | undefined> => {
      const page = await fetchHistoryPage((m, p) => this.loop.call(m, p), this.shared.logger, roomId, { limit: 50 }).catch(() => undefined);
      const found = page?.messages.find((message) => message.id === id);
      if (found) feed.live(found);
      return found;
    };
    const known = feed.recentMessage(id) ?? await inHistory();
    if (known) return known;
    const echoed = await new Promise<RcMessage | undefined>((resolve) => {
      const timer = clock.setTimeout(() => {
        off();
        resolve(undefined);
      }, options.sendConfirmMs);
      const off = feed.messages.on((_roomId, message) => {
        if (message.id !== id) return;
        clock.clearTimeout(timer);
        off();
        resolve(message);
      });
    });
    return echoed ?? await inHistory();
  }

  /** Fetches what changed in the room list since the last sync and applies it. */
  async resync(connection?: DdpConnection): Promise<void> {
    const call = connection ? (m: string, p: unknown[]) => connection.call(m, p) : (m: string, p: unknown[]) => this.call(m, p);
    const { subscriptions, rooms } = this.rooms.syncDates;
    // The server returns records updated strictly after the date; 1 ms earlier also catches a record updated in
    // the same millisecond as the newest one we have (applying a record twice changes nothing).
    const since = (date: Date | undefined) => (date ? [new Date(date.getTime() - 1)] : []);
    const [subsRaw, roomsRaw] = await Promise.all([call('subscriptions/get', since(subscriptions)), call('rooms/get', since(rooms))]);
    const before = new Set(this.rooms.roomIds());
    const logger = this.shared.logger;
    const subs = splitSync(subsRaw, logger);
    const roomRecords = splitSync(roomsRaw, logger);
    this.rooms.applyRooms(parseEach(RoomRecord, roomRecords.update, 'room', logger), roomRecords.remove);
    const updated = parseEach(SubscriptionRecord, subs.update, 'subscription', logger);
    this.rooms.applySubscriptions(updated, subs.remove);
    if (!subs.delta) {
      // A full list: whatever is not in it is gone.
      const listed = new Set(updated.map((record) => record.rid));
      this.rooms.applySubscriptions([], [...before].filter((id) => !listed.has(id)));
    }
    const after = new Set(this.rooms.roomIds());
    this.roomsUpdated([...after].filter((id) => !before.has(id)), [...before].filter((id) => !after.has(id)), false);
  }

  private async prepare(connection: DdpConnection, reconnect: boolean): Promise<void> {
    if (reconnect) this.shared.feed.hold('reconnect');
    await this.resume(connection);
    if (!reconnect) {
      // Sign-in: the room list as it is before the streams are subscribed is history. A message that lands before
      // they are ready moves its room past that mark, so the sync below finds it missed instead of history.
      await this.resync(connection);
      this.catchUp.baseline();
    }
    await this.streams.attach(connection);
    await this.resync(connection);
    if (!this.settingsRead) await this.readSettings(connection);
    this.catchUp.findStale();
    if (reconnect) this.shared.feed.release('reconnect', await this.catchUpFirst(connection));
    void this.catchUpDms(connection);
    // Presence is not urgent: it follows the catch-up at the pace the budget allows.
    void this.refreshPresence(connection).catch(() => undefined);
  }

  /**
   * At reconnect the DMs with an OTR session in flight and the room on screen are caught up first (a handshake
   * message that waits is a session that breaks), while every stream waits.
   */
  private async catchUpFirst(connection: DdpConnection): Promise<RcMessage[]> {
    const first = [...new Set([...this.watch.rooms('otr'), ...this.watch.rooms('open')])].filter((id) => this.catchUp.isStale(id));
    const found = await Promise.all(first.map((roomId) => this.catchUp.fetch((m, p) => connection.call(m, p), roomId)));
    return found.flat();
  }

  /**
   * Then every other DM that missed something, newest first, at the pace of the budget: a DM without OTR state may
   * hold a colleague's OTR request, which must reach the user wherever they are. One after the other, so a room
   * the user opens meanwhile waits for one of them, not all; each holds back only its own stream, from now on, so
   * its live messages cannot overtake what it missed. Other rooms are caught up when opened; their unread counts
   * came with the subscription sync.
   */
  private async catchUpDms(connection: DdpConnection): Promise<void> {
    const stale = this.rooms.list().filter((room) => room.type === 'd' && this.catchUp.isStale(room.id)).map((room) => room.id);
    for (const roomId of stale) this.shared.feed.hold(holdOf(roomId), roomId);
    for (const roomId of stale) {
      // A dropped connection leaves the rest stale for the next one.
      if (connection.closed) this.shared.feed.release(holdOf(roomId), []);
      else await this.catchUpRoom(roomId, connection);
    }
  }

  private async resume(connection: DdpConnection): Promise<void> {
    let raw: unknown;
    try {
      raw = await connection.call('login', [resumeLogin(this.identity.token)]);
    } catch (error) {
      throw error instanceof DdpMethodError ? classifyTokenError(error.ddp, this.shared.loopDeps.clock.now()) : error;
    }
    const result = LoginResult.safeParse(raw);
    if (!result.success || result.data.id !== this.identity.userId) {
      throw rcError('not-signed-in', 'The server answered the sign-in for a different account.');
    }
  }

  private async readSettings(connection: DdpConnection): Promise<void> {
    try {
      const raw = SyncResult.parse(await connection.call('public-settings/get', []));
      const settings = parseEach(PublicSetting, Array.isArray(raw) ? raw : raw.update, 'setting', this.shared.logger);
      const size = settings.find((setting) => setting._id === 'Message_MaxAllowedSize')?.value;
      if (typeof size === 'number' && Number.isInteger(size) && size > 0) this.maxMessageSize = size;
      const fileSize = settings.find((setting) => setting._id === 'FileUpload_MaxFileSize')?.value;
      // -1 is Rocket.Chat's "no limit".
      if (typeof fileSize === 'number' && Number.isInteger(fileSize)) this.maxFileSize = fileSize < 0 ? Number.MAX_SAFE_INTEGER : fileSize;
      const blacklist = settings.find((setting) => setting._id === 'FileUpload_MediaTypeBlackList')?.value;
      if (typeof blacklist === 'string') this.mediaTypeBlacklist = blacklist;
      const otr = settings.find((setting) => setting._id === 'OTR_Enable')?.value;
      this.otrEnable = typeof otr === 'boolean' ? otr : null;
      this.settingsRead = true;
      // 7.x with OTR on: listen for the official apps' (and OTR Desk's) native requests.
      if (serverHasNativeOtr({ version: this.identity.serverVersion ?? null, otrEnable: this.otrEnable })) {
        void this.streams.want('stream-notify-user', `${this.identity.userId}/otr`);
      }
    } catch (error) {
      if (error instanceof RcError && error.code === 'disconnected') throw error;
      this.shared.logger.warn('[rocketchat] could not read the public settings; keeping the default message size');
    }
  }

  /** DM peers' presence: events missed while offline are not replayed, so ask once per connection. */
  private async refreshPresence(connection: DdpConnection): Promise<void> {
    const dms = this.rooms.list().filter((room) => room.type === 'd');
    const changed = await Promise.all(dms.map((room) => this.fetchPresence(connection, room.id)));
    if (changed.includes(true)) this.shared.roomsChanged.emit(this.rooms.list());
  }

  /** Asks who is in a room and how they are; true when a DM peer's presence changed. */
  private async fetchPresence(connection: DdpConnection, roomId: string): Promise<boolean> {
    let changed = false;
    const mark = this.rooms.presenceMark();
    try {
      const raw = await connection.call('getUsersOfRoom', [roomId, true, { limit: 5, skip: 0 }]);
      const records = typeof raw === 'object' && raw !== null && 'records' in raw && Array.isArray(raw.records) ? raw.records : [];
      for (const user of parseEach(UserRecord, records, 'user', this.shared.logger)) {
        const presence = presenceFromStatus(user.status);
        if (user._id !== this.identity.userId && presence && this.rooms.setPresenceSnapshot(user._id, presence, mark)) changed = true;
      }
    } catch (error) {
      if (error instanceof RcError && error.code === 'disconnected') throw error;
    }
    return changed;
  }

  /** Keeps the room list's listeners and catch-up marks in step; a room that appears while online is caught up. */
  private roomsUpdated(added: readonly string[], removed: readonly string[], live: boolean): void {
    for (const roomId of removed) {
      this.watch.forget(roomId);
      this.catchUp.forget(roomId);
    }
    for (const roomId of added) {
      if (!live) continue;
      // A DM the peer just opened may already hold their first message (say, an OTR query).
      this.catchUp.joined(roomId);
      void this.catchUpRoom(roomId);
      if (this.rooms.get(roomId)?.type === 'd') void this.presenceOfNewRoom(roomId);
    }
    this.shared.roomsChanged.emit(this.rooms.list());
  }

  private async presenceOfNewRoom(roomId: string): Promise<void> {
    const connection = this.loop.connection;
    const changed = connection ? await this.fetchPresence(connection, roomId).catch(() => false) : false;
    if (changed) this.shared.roomsChanged.emit(this.rooms.list());
  }

  /** Fetches and delivers what one stale room missed; its stream messages wait meanwhile, so order is kept. */
  private async catchUpRoom(roomId: string, connection = this.loop.connection): Promise<void> {
    if (!connection) return;
    const hold = holdOf(roomId);
    this.shared.feed.hold(hold, roomId);
    let missed: RcMessage[] = [];
    try {
      missed = await this.catchUp.fetch((m, p) => connection.call(m, p), roomId);
    } catch {
      this.shared.logger.warn('[rocketchat] could not catch up a room; it stays marked until the next attempt');
    } finally {
      this.shared.feed.release(hold, missed);
    }
  }
}

/** The feed's hold while one room is caught up. */
const holdOf = (roomId: string): string => `room:${roomId}`;

function splitSync(raw: unknown, logger: Logger): { update: unknown[]; remove: string[]; delta: boolean } {
  const parsed = SyncResult.parse(raw);
  if (Array.isArray(parsed)) return { update: parsed, remove: [], delta: false };
  return { update: parsed.update, remove: parseEach(Removed, parsed.remove, 'removal', logger).map((r) => r._id), delta: true };
}
