// The service behind the contract: joins the Rocket.Chat client with the OTR room sessions.
// Incoming DM text goes to the OTR side first; only plaintext (or a typed placeholder) reaches the renderer.
import type { Handlers, LoginOutcome, Result } from '../../contract/calls.js';

/** What the core adds itself: the account's settings, the SSO popup's end, and the certificate pins it shares. */
export type ChatHandlers = Omit<Handlers, `accountSettings.${string}` | `net.${string}` | 'auth.ssoWindowClosed'>;
import type { EventSink } from '../../contract/events.js';
import { HISTORY_WINDOW, type ErrorInfo, type HistoryPage, type Message, type OldestShown, type OtrRoomView, type Room } from '../../contract/model.js';
import { FileGate } from '../files/file-gate.js';
import { fileHandlers, type SaveFile } from './files-service.js';
import { countedReply, sendBlockError, threadMessages } from './room-fields.js';
import { passiveVerdict } from '../../otr/rooms/incoming.js';
import type { IncomingVerdict } from '../../otr/ports.js';
// Meteor-style ids made here, so the server keeps ours and re-sends stay idempotent.
import { newMessageId } from '../rocketchat/message-id.js';
import { toErrorInfo } from '../rocketchat/errors.js';
import type { HistoryCursor, RcMessage, RocketChatClient } from '../rocketchat/types.js';
import { MessageChanges } from './message-changes.js';
import { fromServer, isE2eMessage, isPersonMessage, noticeMessage, ownMessage, privateBody, verdictMessage } from './message-map.js';
import type { OtrAccount } from './otr-account.js';
import { otrHandlers } from './otr-handlers.js';
import { attempt, ok } from './results.js';
import { SignInWindow } from './sign-in-window.js';
import { splitText } from './split-text.js';
import { newestWindow, RoomTimeline } from './room-timeline.js';
import { deletedMessage, systemMessage } from './system-lines.js';

const PAGE_SIZE = 50;

export interface ChatServiceDeps {
  rc: RocketChatClient;
  otr: OtrAccount;
  emit: EventSink;
  now?: () => number;
  /** Where the window fetches pictures and posts uploads (shared by the accounts). */
  gate?: FileGate;
  saveFile?: SaveFile;
}



export class ChatService {
  private readonly timelines = new Map<string, RoomTimeline>();
  /** Where each room's next older history page starts. */
  private readonly cursors = new Map<string, HistoryCursor | null>();
  private readonly now: () => number;
  private readonly unsubscribe: (() => void)[] = [];
  /** The DMs of the last room list, to notice one the server removed. */
  private directRooms = new Set<string>();
  private readonly changes: MessageChanges;
  private readonly signingIn = new SignInWindow();

  constructor(private readonly deps: ChatServiceDeps) {
    this.now = deps.now ?? Date.now;
    const { rc, emit } = deps;
    this.changes = new MessageChanges({
      rc, otr: deps.otr,
      timeline: (roomId) => this.timeline(roomId),
      show: (message, announce) => this.show(message, announce),
      removed: (roomId, id) => emit('chat.removed', { roomId, id }),
      notice: (roomId, notice) => this.show(noticeMessage(roomId, notice, this.now())),
    });
    this.unsubscribe.push(
      rc.onState(() => emit('session.changed', rc.session())),
      rc.onRoomsChanged((rooms) => {
        this.registerDirectRooms(rooms);
        this.endRemovedDirectRooms(rooms);
        emit('rooms.changed', rooms);
      }),
      rc.onMessage((roomId, message, delivery) => this.signingIn.defer(() => this.onServerMessage(roomId, message, delivery.live, delivery.update))),
      rc.onDeleted((roomId, deletion) => this.changes.deleted(roomId, deletion)),
      rc.onTyping((roomId, usernames) => emit('chat.typing', { roomId, usernames })),
      rc.onPresence((user) => {
        if (user.presence) emit('users.presence', { userId: user.id, presence: user.presence });
      }),
    );
    deps.otr.setListener({
      view: (view) => emit('otr.changed', view),
      privateMessage: (roomId, m) => {
        const peer = this.room(roomId)?.peer;
        if (!peer) return;
        this.show({
          id: m.id, roomId, ts: m.ts, kind: m.keyAccepted ? 'private' : 'unaccepted-key', text: m.text, status: 'sent', own: false, body: privateBody(m.text),
          author: { id: peer.id, username: peer.username, name: peer.name },
        });
      },
      outgoingStatus: (roomId, localId, status, error) => {
        const updated = this.timeline(roomId).update(localId, { status, error });
        if (updated) emit('chat.message', updated);
      },
      notice: (roomId, notice, at) => this.show(noticeMessage(roomId, notice, this.now(), at)),
    });
  }

  readonly handlers: ChatHandlers = {
    'session.get': () => ok(this.deps.rc.session()),
    'auth.login': (request) => this.signIn(() => this.deps.rc.login(request)),
    'auth.submitTotp': (code) => this.signIn(() => this.deps.rc.submitTotp(code)),
    'auth.loginWithToken': (request) => this.signIn(() => this.deps.rc.loginWithToken(request)),
    'auth.loginOptions': (serverUrl) => attempt(() => this.deps.rc.loginOptions(serverUrl)),
    'auth.sso': (request) => this.signIn(() => this.deps.rc.loginWithSso(request)),
    'auth.logout': async () => {
      await this.deps.otr.signOut();
      await this.deps.rc.logout();
      this.timelines.clear();
      this.deps.emit('session.changed', this.deps.rc.session());
      return { ok: true, value: null };
    },
    'auth.cancel': () => {
      this.deps.rc.cancelSignIn();
      return Promise.resolve({ ok: true, value: null });
    },
    'connection.reconnectNow': () => {
      this.deps.rc.reconnectNow();
      return ok(null);
    },
    'rooms.list': () => ok(this.deps.rc.rooms()),
    'rooms.open': (roomId) => attempt(() => this.open(roomId)),
    'rooms.loadOlder': (roomId, before) => attempt(() => this.loadOlder(roomId, before)),
    'rooms.markRead': (roomId) => attempt(async () => {
      await this.deps.rc.markRead(roomId);
      return null;
    }),
    'rooms.startDirect': (username) => attempt(async () => {
      const room = await this.deps.rc.createDirect(username);
      this.registerDirectRooms([room]);
      return room;
    }),
    'users.search': (query) => attempt(() => this.deps.rc.searchUsers(query)),
    'chat.send': (roomId, text) => this.send(roomId, text),
    'chat.retry': (roomId, id) => this.retry(roomId, id),
    'chat.discard': (roomId, id) => {
      this.deps.rc.discardSend(id);
      if (this.timeline(roomId).remove(id)) this.deps.emit('chat.removed', { roomId, id });
      return ok(null);
    },
    'chat.setTyping': (roomId, typing) => attempt(async () => {
      await this.deps.rc.setTyping(roomId, typing);
      return null;
    }),
    'chat.react': (roomId, id, emoji) => this.changes.react(roomId, id, emoji),
    'threads.open': (roomId, threadId) => attempt(() => threadMessages(this.deps.rc, roomId, threadId)),
    'threads.reply': (roomId, threadId, text) => this.replyInThread(roomId, threadId, text),
    'files.preview': (...args) => this.files['files.preview'](...args),
    'files.download': (...args) => this.files['files.download'](...args),
    'files.startUpload': (...args) => this.files['files.startUpload'](...args),
    'files.cancelUpload': (...args) => this.files['files.cancelUpload'](...args),
    ...otrHandlers(() => ({ otr: this.deps.otr, rooms: () => this.deps.rc.rooms() })),
  };

  private filesCache: ReturnType<typeof fileHandlers> | undefined;
  private get files(): ReturnType<typeof fileHandlers> {
    this.filesCache ??= fileHandlers({
      rc: this.deps.rc, emit: this.deps.emit, gate: this.deps.gate ?? new FileGate(), saveFile: this.deps.saveFile,
      room: (roomId) => this.room(roomId), otrInUse: (roomId) => this.otrInUse(roomId),
    });
    return this.filesCache;
  }

  /** Starts the saved session, if any, at app start. */
  async resume(): Promise<void> {
    const outcome = await this.signingIn.run(() => this.deps.rc.resume().catch(() => null), (o) => o?.kind === 'signed-in', () => this.afterSignIn());
    if (outcome?.kind === 'signed-in') return;
    // Signed out, the last server's address is still offered (read just now, after the first session.get).
    if (this.deps.rc.session().serverUrl !== undefined) this.deps.emit('session.changed', this.deps.rc.session());
  }

  rooms(): Room[] {
    return this.deps.rc.rooms();
  }

  async dispose(): Promise<void> {
    for (const off of this.unsubscribe) off();
    await this.deps.otr.dispose();
    await this.deps.rc.dispose();
  }

  private async signIn(login: () => Promise<LoginOutcome>) {
    return attempt(() => this.signingIn.run(login, (outcome) => outcome.kind === 'signed-in', () => this.afterSignIn()));
  }

  private afterSignIn(): void {
    const { rc, emit, otr } = this.deps;
    const session = rc.session();
    emit('session.changed', session);
    if (session.me && session.serverUrl) otr.signIn({ me: session.me, serverUrl: session.serverUrl, transport: rc });
    this.registerDirectRooms(rc.rooms());
    emit('rooms.changed', rc.rooms());
  }

  private registerDirectRooms(rooms: Room[]): void {
    for (const room of rooms) {
      if (room.type === 'd' && room.peer) this.deps.otr.registerDirect(room.id, room.peer);
    }
  }

  /** A DM the server removed (left, deleted) cannot carry an OTR session on. */
  private endRemovedDirectRooms(rooms: Room[]): void {
    const now = new Set(rooms.filter((room) => room.type === 'd').map((room) => room.id));
    for (const roomId of this.directRooms) if (!now.has(roomId)) this.deps.otr.roomRemoved(roomId);
    this.directRooms = now;
  }

  private room(roomId: string): Room | undefined {
    return this.deps.rc.rooms().find((r) => r.id === roomId);
  }

  private timeline(roomId: string): RoomTimeline {
    let timeline = this.timelines.get(roomId);
    if (!timeline) {
      timeline = new RoomTimeline();
      this.timelines.set(roomId, timeline);
    }
    return timeline;
  }

  /** Records a message and tells the renderer; history (`announce` false) travels in the page instead. */
  private show(message: Message, announce = true): void {
    if (this.timeline(message.roomId).upsert(message) && announce) this.deps.emit('chat.message', message);
  }

  /**
   * Every server message passes here, live or from history; DM text is classified by the OTR side first.
   * `update`: a new state (edit, reaction) of a message delivered before.
   */
  private onServerMessage(roomId: string, rc: RcMessage, live: boolean, update = false): void {
    const timeline = this.timeline(roomId);
    const me = this.deps.rc.session().me;
    const known = timeline.get(rc.id);
    if (known?.own && known.status !== 'sent') {
      // The echo of our own plaintext send: it is on the server now.
      this.show({ ...known, status: 'sent', ts: rc.ts });
      if (live && rc.threadId !== undefined) this.countReply(roomId, rc.threadId, rc.ts);
      return;
    }
    if (known) {
      this.changes.update(known, rc, live);
      return;
    }
    if (isE2eMessage(rc)) return this.show(fromServer(rc, 'e2e', me), live);
    if (!isPersonMessage(rc)) {
      const line = rc.type === 'rm' ? deletedMessage(rc, me) : systemMessage(rc, me);
      if (line) this.show(line, live);
      return;
    }
    const room = this.room(roomId);
    // A new state of a message the OTR side took and hid (its own traffic): never classified twice.
    if (update && room?.type === 'd') return;
    const fromMe = rc.author.id === me?.id;
    // A loaded history page is returned whole by rooms.open / rooms.loadOlder. Announcing its messages one by
    // one as well made the renderer grow the list message by message and lose its place at the newest one.
    if (room?.type !== 'd' || !room.peer) {
      // Channels, groups, group DMs and rooms not listed yet: OTR text never reaches the screen.
      this.showVerdict(rc, passiveVerdict(rc.text, fromMe), live);
      return;
    }
    // DM traffic is classified in arrival order, after the OTR identity is ready.
    this.deps.otr.whenReady((otr) => {
      this.showVerdict(rc, otr.incoming(roomId, { id: rc.id, text: rc.text, ts: rc.ts, fromMe, live }), live);
    });
  }

  private showVerdict(rc: RcMessage, verdict: IncomingVerdict, live: boolean): void {
    const message = verdictMessage(rc, verdict, this.deps.rc.session().me);
    if (!message) return;
    this.show(message, live);
    if (live && rc.threadId !== undefined) this.countReply(rc.roomId, rc.threadId, rc.ts);
  }

  private countReply(roomId: string, parentId: string, ts: number): void {
    const parent = this.timeline(roomId).get(parentId);
    const counted = parent && countedReply(parent, ts);
    if (counted) this.show(counted);
  }

  private async open(roomId: string): Promise<HistoryPage> {
    // On screen now: what the room missed while we were away arrives (live) before the page is read.
    await this.deps.rc.focusRoom(roomId);
    const timeline = this.timeline(roomId);
    if (!timeline.loaded) {
      timeline.loaded = true;
      await this.loadPage(roomId, timeline);
    } else {
      // Loaded earlier: what changed while it was not watched (one call); a failed call leaves it as it was.
      await this.changes.catchUp(roomId, PAGE_SIZE).catch(() => undefined);
    }
    await this.deps.otr.settled();
    return newestWindow(timeline.all(), timeline.hasMore);
  }

  private async loadOlder(roomId: string, before: OldestShown | null): Promise<HistoryPage> {
    const timeline = this.timeline(roomId);
    // What main already holds first (a room paged in before the renderer reloaded); the server for the rest.
    if (timeline.hasMore && timeline.before(before).length < HISTORY_WINDOW) {
      await this.loadPage(roomId, timeline);
      await this.deps.otr.settled();
    }
    return newestWindow(timeline.before(before), timeline.hasMore);
  }

  private async loadPage(roomId: string, timeline: RoomTimeline): Promise<void> {
    const page = await this.deps.rc.history(roomId, { before: this.cursors.get(roomId) ?? undefined, limit: PAGE_SIZE });
    this.cursors.set(roomId, page.next);
    timeline.hasMore = page.hasMore;
    for (const message of page.messages) this.onServerMessage(roomId, message, false);
  }

  private async send(roomId: string, text: string): Promise<Result<Message>> {
    const me = this.deps.rc.session().me;
    if (!me) return { ok: false, error: { code: 'not-signed-in' } };
    const room = this.room(roomId);
    if (!room) return { ok: false, error: { code: 'not-found' } };
    if (room.sendBlock) return { ok: false, error: { code: sendBlockError(room.sendBlock) } };
    const localId = newMessageId();
    if (room.type === 'd' && room.peer) {
      const otr = await this.deps.otr.ready();
      const verdict = otr.send(roomId, localId, text);
      if (verdict.kind === 'blocked') return { ok: false, error: verdict.error };
      if (verdict.kind === 'private') {
        const message = ownMessage(roomId, localId, text, 'private', me, verdict.status, this.now());
        this.show(message);
        return { ok: true, value: this.timeline(roomId).get(localId) ?? message };
      }
    }
    return this.sendParts(roomId, localId, text);
  }

  /** Over the server's size limit a plain text goes out as several messages; the first one answers the call. */
  private sendParts(roomId: string, localId: string, text: string, threadId?: string): Result<Message> {
    const [head = text, ...tail] = splitText(text, this.deps.rc.maxMessageSize);
    const first = this.sendPlain(roomId, localId, head, threadId);
    for (const part of tail) this.sendPlain(roomId, newMessageId(), part, threadId);
    return first;
  }

  /** A reply in a thread: plain text only, so never in a DM that is (becoming) private. */
  private async replyInThread(roomId: string, threadId: string, text: string): Promise<Result<Message>> {
    const room = this.room(roomId);
    if (!room) return { ok: false, error: { code: 'not-found' } };
    if (room.sendBlock) return { ok: false, error: { code: sendBlockError(room.sendBlock) } };
    if (room.type === 'd' && (await this.otrInUse(roomId))) return { ok: false, error: { code: 'otr-blocked' } };
    return this.sendParts(roomId, newMessageId(), text, threadId);
  }

  /** Any OTR phase but idle: the DM is private or on its way there. */
  private async otrInUse(roomId: string): Promise<boolean> {
    const otr = await this.deps.otr.ready().catch(() => undefined);
    return otr !== undefined && otr.view(roomId).phase !== 'idle';
  }

  private sendPlain(roomId: string, id: string, text: string, threadId?: string): Result<Message> {
    const me = this.deps.rc.session().me;
    if (!me) return { ok: false, error: { code: 'not-signed-in' } };
    const handle = this.deps.rc.send(roomId, text, { id, ...(threadId ? { threadId } : {}) });
    const message = { ...ownMessage(roomId, handle.id, text, 'text', me, 'pending', this.now()), ...(threadId ? { threadId } : {}) };
    this.show(message);
    handle.confirmed.then(
      (rc) => this.show({ ...(this.timeline(roomId).get(handle.id) ?? message), status: 'sent', ts: rc.ts }),
      (err: unknown) => this.fail(roomId, handle.id, toErrorInfo(err)),
    );
    return { ok: true, value: message };
  }

  private fail(roomId: string, id: string, error: ErrorInfo): void {
    const message = this.timeline(roomId).get(id);
    if (message) this.show({ ...message, status: 'failed', error });
  }

  /** A retry follows the room's OTR state now, not the one the message was first sent in. */
  private async retry(roomId: string, id: string): Promise<Result<Message>> {
    const message = this.timeline(roomId).get(id);
    if (!message?.own || message.status !== 'failed') return { ok: false, error: { code: 'not-found' } };
    if (message.kind !== 'private' && this.room(roomId)?.type !== 'd') return this.sendPlain(roomId, id, message.text);
    const otr = await this.deps.otr.ready();
    const verdict = otr.send(roomId, id, message.text);
    if (verdict.kind === 'blocked') return { ok: false, error: verdict.error };
    if (verdict.kind === 'plaintext') {
      // A private message is only ever re-sent encrypted; never downgraded to plaintext.
      return message.kind === 'private' ? { ok: false, error: { code: 'otr-no-session' } } : this.sendPlain(roomId, id, message.text);
    }
    // Written as plain text but the chat is private (or becoming so) now: it goes out encrypted, or not at all.
    const updated: Message = { ...message, kind: 'private', status: verdict.status, error: undefined };
    this.show(updated);
    return { ok: true, value: updated };
  }
}

export type { OtrRoomView };
