// The public shape of the Rocket.Chat client: our own small model of messages, plus the contract's Room/User.
import type { ConnectionState, LoginOptions, LoginOutcome, Room, Session, User } from '../../contract/index.js';
import type { SecretStore } from '../../otr/ports.js';
import type { BackoffPolicy } from './backoff.js';
import type { Clock } from './clock.js';
import type { NativeOtrChannel } from './native-otr.js';
import type { SocketFactory } from './socket.js';
import type { SsoWindow } from './sso.js';

export interface Logger {
  /** Detail for the debug log only (never stderr). */
  debug?(message: string): void;
  info?(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export interface RcAuthor {
  id: string;
  username: string;
  name?: string;
}

/** A chat message as the server stored it. `text` may be OTR wire text: never log it. */
export interface RcMessage {
  id: string;
  roomId: string;
  text: string;
  /** Server time, epoch ms. */
  ts: number;
  author: RcAuthor;
  /** Server message type of system messages ('uj', 'ru', ...); undefined for what a person wrote. */
  type?: string;
  threadId?: string;
  /** A thread reply also shown in the room (`tshow`). */
  threadShown?: boolean;
  /** A thread parent: replies so far and the newest reply's time. */
  threadCount?: number;
  threadLastAt?: number;
  files?: RcFile[];
  editedAt?: number;
  /** Changes with every re-send (edit, reaction, deletion status): a new one is delivered again. */
  updatedAt?: number;
  /** The server's parsed markup (7.x+), unchecked: src/main/chat/markup.ts reads it node by node. */
  md?: unknown[];
  /** Short name → who reacted. */
  reactions?: { emoji: string; usernames: string[] }[];
  quotes?: RcQuote[];
  /** System messages about roles: which one. */
  role?: string;
}

export interface RcQuote {
  link: string;
  author: string;
  text: string;
  md?: unknown[];
}

/** Messages the server deleted: by id, or (retention, prune) everything in a time range, optionally by some authors. */
export interface RcDeletion {
  ids: string[];
  range?: { from: number; to: number; usernames: string[] };
}

/** What changed in a room after a time (`messages/get` with `lastUpdate`): new states of messages, deleted ids. */
export interface RcRoomChanges {
  updated: RcMessage[];
  deleted: string[];
}

/** A file in a message (from `attachments`); `path` only for uploads on this server (/file-upload/…). */
export interface RcFile {
  name: string;
  path?: string;
  type?: string;
  size?: number;
  image: boolean;
  width?: number;
  height?: number;
}

/** An upload's bytes as they stream from the window, and what to tell while they go. */
export interface UploadSource {
  name: string;
  type: string;
  size: number;
  body: ReadableStream<Uint8Array>;
  threadId?: string;
  onProgress(sent: number): void;
  signal: AbortSignal;
}

/** `live`: arriving now (stream, or gap-filling after a reconnect), as opposed to loaded history. */
export interface Delivery {
  live: boolean;
  /** A new state (edit, reaction, deletion status) of a message delivered before. */
  update?: boolean;
}

/** Where the next older history page starts: the oldest timestamp seen and every id seen at that timestamp. */
export interface HistoryCursor {
  ts: number;
  ids: readonly string[];
}

export interface RcHistoryPage {
  /** Oldest first. */
  messages: RcMessage[];
  /** False when the start of the room has been reached. */
  hasMore: boolean;
  /** Pass as `before` to get the page before this one; null when there is none. */
  next: HistoryCursor | null;
}

export interface SendHandle {
  /** Client-generated 17-character Meteor-style id; the server keeps it, so re-sends are idempotent. */
  id: string;
  /** Resolves when the server confirmed; rejects with an RcError only for errors that retrying cannot fix. */
  confirmed: Promise<RcMessage>;
}

export interface ServerInfo {
  /** Normalised base URL, e.g. https://chat.example.org */
  url: string;
  version: string;
}

export interface TokenLogin {
  serverUrl: string;
  userId: string;
  token: string;
}

/** Everything the client does. Failing promises reject with RcError (see errors.ts), whose `info` is an ErrorInfo. */
export interface RocketChatClient {
  checkServer(url: string): Promise<ServerInfo>;
  login(request: { serverUrl: string; user: string; password: string }): Promise<LoginOutcome>;
  submitTotp(code: string): Promise<LoginOutcome>;
  loginWithToken(request: TokenLogin): Promise<LoginOutcome>;
  /** What the sign-in screen offers for a server (LDAP, the password form, the SSO services this host can finish). */
  loginOptions(serverUrl: string): Promise<LoginOptions>;
  /** Signs in through one of the server's SSO services in the host's provider window (`deps.ssoWindow`). */
  loginWithSso(request: { serverUrl: string; serviceId: string }): Promise<LoginOutcome>;
  /** Signs in again with the stored resume token; null when none is stored. */
  resume(): Promise<LoginOutcome | null>;
  /** Logs out on the server (best effort), closes the connection and forgets the stored token. */
  logout(): Promise<void>;
  /** Gives up the sign-in in progress: it ends with `not-signed-in` and nothing of it stays signed in. */
  cancelSignIn(): void;
  session(): Session;
  state(): ConnectionState;
  onState(listener: (state: ConnectionState) => void): () => void;
  reconnectNow(): void;

  rooms(): Room[];
  onRoomsChanged(listener: (rooms: Room[]) => void): () => void;
  searchUsers(query: string): Promise<User[]>;
  createDirect(username: string): Promise<Room>;
  markRead(roomId: string): Promise<void>;
  /**
   * The room on screen (undefined: none). Its typing stream is on, and what it missed while we were away is
   * delivered (live) before this resolves: other rooms than OTR DMs are caught up only when opened.
   */
  focusRoom(roomId: string | undefined): Promise<void>;
  /** A DM whose OTR session is in flight: its streams stay on and its missed messages come first at a reconnect. */
  watchOtr(roomId: string, inFlight: boolean): void;
  /** Calls and subscriptions sent, and rate-limit refusals met, since sign-in (for diagnostics and the bench). */
  callStats(): { taken: number; refused: number };

  /** Each message id is delivered at most once per client (also across reconnects). */
  onMessage(listener: (roomId: string, message: RcMessage, delivery: Delivery) => void): () => void;
  /** Deletions the server announced for a watched room (the room on screen, OTR DMs). */
  onDeleted(listener: (roomId: string, deletion: RcDeletion) => void): () => void;
  /**
   * What changed in a room while it was not watched, once per reopen (call after `focusRoom`): null when it was
   * watched all along or never before; 'unsupported' when the server has no `messages/get`.
   */
  roomChanges(roomId: string): Promise<RcRoomChanges | 'unsupported' | null>;
  /** `setReaction`: adds the user's reaction, or takes it back when it is there. */
  react(messageId: string, emoji: string): Promise<void>;
  history(roomId: string, options: { before?: HistoryCursor; limit: number }): Promise<RcHistoryPage>;
  send(roomId: string, text: string, options?: { id?: string; threadId?: string }): SendHandle;
  /** A thread: parent first, then the replies oldest first. */
  threadMessages(threadId: string): Promise<RcMessage[]>;
  /** GET a path on this server (only /file-upload/…) with the user's credentials; the token never leaves main. */
  fetchFile(path: string, signal?: AbortSignal): Promise<Response>;
  /** Uploads a file into a room (rooms.media + rooms.mediaConfirm from 6.0, rooms.upload before). */
  upload(roomId: string, source: UploadSource): Promise<void>;
  /** The server's `FileUpload_MaxFileSize` (bytes). */
  readonly maxFileSize: number;
  /** False for a media type on the server's public `FileUpload_MediaTypeBlackList` (default image/svg+xml). */
  acceptsMediaType(type: string): boolean;
  /** Drops a send that has not gone out yet. False when it is unknown or already on the wire. */
  discardSend(messageId: string): boolean;
  /** The server's `Message_MaxAllowedSize` (characters). */
  readonly maxMessageSize: number;

  setTyping(roomId: string, typing: boolean): Promise<void>;
  onTyping(listener: (roomId: string, usernames: string[]) => void): () => void;
  onPresence(listener: (user: User) => void): () => void;
  /** Rocket.Chat's own OTR (servers < 8.0 with OTR_Enable): refuses to send anything elsewhere. */
  readonly nativeOtr: NativeOtrChannel;

  /** Closes the connection without logging out (app quit). */
  dispose(): Promise<void>;
}

export interface RocketChatOptions {
  /** Every DDP method call fails with 'timeout' after this long. */
  callTimeoutMs: number;
  /** Socket open + DDP `connect` handshake. */
  connectTimeoutMs: number;
  /** Ping the server after this much silence... */
  pingIdleMs: number;
  /** ...and treat the socket as dead if nothing at all arrives within this long after the ping. */
  pingTimeoutMs: number;
  backoff: BackoffPolicy;
  /** A typing indicator without a "stopped" event disappears after this long. */
  typingExpiryMs: number;
  /** Page size of the missed-message catch-up after a reconnect, and its upper bound per room. */
  catchUpPageSize: number;
  catchUpMaxPerRoom: number;
  /** How many message ids are remembered for de-duplication. */
  seenIdsLimit: number;
  /** How long a send the server answered with nothing may take to show up before it is marked failed. */
  sendConfirmMs: number;
  /** A TOTP step must be completed within this long. */
  totpWindowMs: number;
  /**
   * Pace calls to Rocket.Chat's default rate limits (budget.ts). Off only against a server whose limiter is off
   * (the bench's): there the pacing would hold every eleventh message for seconds.
   */
  paceCalls: boolean;
}

export const defaultOptions: RocketChatOptions = {
  callTimeoutMs: 20_000,
  connectTimeoutMs: 15_000,
  pingIdleMs: 20_000,
  pingTimeoutMs: 10_000,
  backoff: { baseMs: 500, capMs: 30_000 },
  typingExpiryMs: 15_000,
  catchUpPageSize: 100,
  catchUpMaxPerRoom: 2_000,
  seenIdsLimit: 50_000,
  sendConfirmMs: 10_000,
  totpWindowMs: 5 * 60_000,
  paceCalls: true,
};

export interface RocketChatDeps {
  /** Holds the resume token, encrypted at rest by its implementation. */
  secrets: SecretStore;
  logger?: Logger;
  clock?: Clock;
  /** [0, 1): backoff jitter. */
  random?: () => number;
  fetch?: typeof fetch;
  /**
   * For the sign-in screen's look at a server (its public settings) before the user signs in: the same network, but
   * an untrusted certificate is not asked about there (signing in asks). Default: `fetch`.
   */
  probeFetch?: typeof fetch;
  openSocket?: SocketFactory;
  /** Where an SSO provider's page opens: Electron's sandboxed window, the browser host's popup; none: no SSO. */
  ssoWindow?: SsoWindow;
  options?: Partial<RocketChatOptions>;
}
