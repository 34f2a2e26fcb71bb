// The data model shared by main and renderer. Pure TS + zod: no Node, no DOM, no Electron.
// Everything here is plaintext-only: no OTR wire text, no key material ever appears in these shapes.
import { z } from 'zod';

export const RoomId = z.string().min(1).max(128);
export const UserId = z.string().min(1).max(128);
export const MessageId = z.string().min(1).max(128);

/** Error codes a user can meet. The renderer turns each into words (en/nl) and a way forward. */
export const ErrorCode = z.enum([
  'wrong-credentials',
  'totp-required',
  'totp-invalid',
  'rate-limited',
  'server-unreachable',
  'not-rocketchat',
  'unsupported-version',
  'invalid-url',
  /** SSO: the provider's window was closed (or gave nothing back) before the sign-in finished. */
  'sso-cancelled',
  /** SSO: the provider came back, but the server did not accept the result. */
  'sso-failed',
  /** SSO: the server does not offer that service (any more), or this app cannot finish it here. */
  'sso-unavailable',
  'timeout',
  'disconnected',
  'not-allowed',
  'not-found',
  'message-too-long',
  /** A send the server dropped: the room is read-only, or we are muted in it. */
  'room-read-only',
  'muted',
  /** Sends to an archived room are refused. */
  'room-archived',
  /** A file over the server's FileUpload_MaxFileSize. */
  'file-too-large',
  /** A media type on the server's FileUpload_MediaTypeBlackList (by default SVG). */
  'file-type-refused',
  /** Files are never uploaded in a private (OTR) chat: they would travel in the clear. */
  'upload-private',
  /** A send the server never confirmed (neither stored nor refused in words) within a bounded wait. */
  'not-confirmed',
  'not-signed-in',
  'otr-not-direct',
  'otr-busy',
  'otr-no-session',
  'otr-blocked',
  'otr-protocol',
  'otr-peer-unreadable',
  /** This account's identity key cannot be read: encrypted chats are off, plain DMs still work. */
  'otr-key-unreadable',
  /** The stored trusted keys could not be read; they were kept aside and the list starts empty. */
  'otr-trust-damaged',
  'fingerprint-mismatch',
  /** The server's TLS certificate is not trusted (not by the system, not pinned): the user is asked. */
  'certificate-untrusted',
  /** The HTTP proxy the system names could not be reached. */
  'proxy-unreachable',
  'invalid-request',
  'internal',
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const ErrorInfo = z.object({
  code: ErrorCode,
  /** Extra words from the server, already safe to show (never plaintext of a private message). */
  detail: z.string().max(500).optional(),
  /** For rate limits and reconnects: when trying again makes sense (epoch ms). */
  retryAt: z.number().optional(),
});
export type ErrorInfo = z.infer<typeof ErrorInfo>;

/** A server's TLS certificate as the user judges it: host (with port), SHA-256 (colon hex) and who issued it. */
export const CertificateInfo = z.object({
  host: z.string().min(1).max(300),
  fingerprint: z.string().regex(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/),
  issuer: z.string().max(500),
});
export type CertificateInfo = z.infer<typeof CertificateInfo>;

/** An untrusted certificate; `changed`: the host has a different certificate pinned. */
export const CertificateProblem = CertificateInfo.extend({ changed: z.boolean() });
export type CertificateProblem = z.infer<typeof CertificateProblem>;

export const PinnedCertificate = CertificateInfo.extend({ pinnedAt: z.number() });
export type PinnedCertificate = z.infer<typeof PinnedCertificate>;

export const Presence = z.enum(['online', 'away', 'busy', 'offline']);
export type Presence = z.infer<typeof Presence>;

export const User = z.object({
  id: UserId,
  username: z.string(),
  name: z.string().optional(),
  presence: Presence.optional(),
});
export type User = z.infer<typeof User>;

export const ConnectionState = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('signed-out') }),
  z.object({ kind: z.literal('connecting') }),
  z.object({ kind: z.literal('online') }),
  /** Lost the connection; the next attempt is at retryAt (epoch ms). */
  z.object({ kind: z.literal('reconnecting'), retryAt: z.number(), attempt: z.number().int() }),
  z.object({ kind: z.literal('offline'), error: ErrorInfo }),
]);
export type ConnectionState = z.infer<typeof ConnectionState>;

/** A single sign-on service a server offers: shown as a button on the sign-in screen. */
export const SsoService = z.object({
  /** Names the service on this server ('saml', 'cas', 'oauth:<name>'). */
  id: z.string().min(1).max(200),
  kind: z.enum(['saml', 'oauth', 'cas']),
  /** The server's own button label. */
  label: z.string().max(200),
});
export type SsoService = z.infer<typeof SsoService>;

/** What the sign-in screen shows for a server, read from its public settings and login services. */
export const LoginOptions = z.object({
  /** The address the options belong to, normalised. */
  serverUrl: z.string().min(1).max(2048),
  /** LDAP_Enable: username and password are the directory's. */
  ldap: z.boolean(),
  /** Accounts_ShowFormLogin: the username/password form is offered. */
  passwordForm: z.boolean(),
  /** The server's SSO services, in its order. */
  sso: z.array(SsoService).max(50),
});
export type LoginOptions = z.infer<typeof LoginOptions>;

export const Session = z.object({
  connection: ConnectionState,
  serverUrl: z.string().optional(),
  serverVersion: z.string().optional(),
  me: User.optional(),
});
export type Session = z.infer<typeof Session>;

export const RoomType = z.enum(['d', 'c', 'p']);
export type RoomType = z.infer<typeof RoomType>;

/** What the OTR session of a room looks like to the user. See src/otr/flow for the machine behind it. */
export const OtrPhase = z.enum([
  'idle',
  'requesting',
  'incoming',
  'handshaking',
  'private',
  'ended-by-peer',
  'key-changed',
  'declined',
  'timed-out',
  'error',
]);
export type OtrPhase = z.infer<typeof OtrPhase>;

export const SmpPhase = z.enum(['idle', 'asked', 'question', 'in-progress', 'succeeded', 'failed', 'aborted']);
export type SmpPhase = z.infer<typeof SmpPhase>;

export const SmpView = z.object({
  phase: SmpPhase,
  /** The peer's question when phase is 'question'. */
  question: z.string().max(500).optional(),
  /** Who started the run that produced this phase. */
  startedBy: z.enum(['me', 'peer']).optional(),
});
export type SmpView = z.infer<typeof SmpView>;

/** Fingerprint as shown: 40 upper-case hex digits. Formatting into groups is the renderer's job. */
export const Fingerprint = z.string().regex(/^[0-9A-F]{40}$/);
export type Fingerprint = z.infer<typeof Fingerprint>;

export const PrivateProtocol = z.enum(['otr-v3', 'rocketchat']);
export type PrivateProtocol = z.infer<typeof PrivateProtocol>;

export const OtrRoomView = z.object({
  roomId: RoomId,
  phase: OtrPhase,
  /** requesting / incoming: when the request expires (epoch ms). */
  expiresAt: z.number().optional(),
  /** private: whether the peer's current fingerprint is marked verified. */
  verified: z.boolean().optional(),
  peerFingerprint: Fingerprint.optional(),
  /** key-changed: the fingerprint we knew before. */
  previousFingerprint: Fingerprint.optional(),
  error: ErrorInfo.optional(),
  smp: SmpView.optional(),
  /** Messages typed during the handshake, waiting to go out encrypted. */
  queued: z.number().int().nonnegative().default(0),
  /** Rocket.Chat's own OTR with an official app (cannot be verified); absent for OTR v3. */
  protocol: PrivateProtocol.optional(),
});
export type OtrRoomView = z.infer<typeof OtrRoomView>;

/** Why nobody can write in a room from this client: Rocket.Chat E2E, read-only, archived, or we are muted. */
export const SendBlock = z.enum(['e2e', 'read-only', 'archived', 'muted']);
export type SendBlock = z.infer<typeof SendBlock>;

export const Room = z.object({
  id: RoomId,
  type: RoomType,
  /** Room name (channel name, or the peer's username for a DM). */
  name: z.string(),
  displayName: z.string(),
  unread: z.number().int().nonnegative(),
  /** Two-person DMs only: the other member. A group DM has none (OTR works between two people only). */
  peer: User.optional(),
  /** Group DMs only: the other members' usernames. */
  members: z.array(z.string()).optional(),
  sendBlock: SendBlock.optional(),
  lastActivityAt: z.number().optional(),
});
export type Room = z.infer<typeof Room>;

export const MessageKind = z.enum([
  'text',
  /** Decrypted OTR message: plaintext only in memory, never on disk. */
  'private',
  /** OTR ciphertext we cannot read (past session, other device): shown as a placeholder. */
  'unreadable-private',
  /** Decrypted, but under the peer's changed key the user has not accepted: never shown as private. */
  'unaccepted-key',
  /**
   * Plain text that arrived while the DM was private (or becoming so): sent outside the encryption, by the
   * peer's client or by the server in the peer's name. Shown with a loud "not encrypted" marker.
   */
  'unencrypted',
  /** A Rocket.Chat end-to-end encrypted message: this client cannot read it and says so (never shows the ciphertext). */
  'e2e',
  /** An OTR error the other side's client sent: `text` holds its words, shown quoted, never as the app's own. */
  'peer-otr-error',
  /** A line from the app itself, e.g. "Encrypted chat started". `notice` says which. */
  'notice',
  /** A line from the server about the room (someone joined, the topic changed…): `system` says which. */
  'system',
  /** The server kept the message's place but deleted its content ("Show deleted status"). */
  'deleted',
]);
export type MessageKind = z.infer<typeof MessageKind>;

export const NoticeCode = z.enum([
  'otr-started',
  'otr-ended-by-me',
  'otr-ended-by-peer',
  'otr-verified',
  /** Outcomes of an identity check (SMP), told on both sides whoever started it. */
  'otr-smp-succeeded',
  'otr-smp-failed',
  'otr-smp-aborted',
  'otr-key-changed',
  'otr-declined',
  /** The peer's request, as the asked side sees it end without a Yes: it ran out, the peer withdrew it, we said No. */
  'otr-request-expired',
  'otr-request-withdrawn',
  'otr-request-declined',
  /** The peer asked again after our No: no dialog opened; the line offers to start (which answers the request). */
  'otr-asked-again',
  /** The peer asked too often without an answer: no dialog opened; the line offers to start. */
  'otr-asked-too-often',
  'otr-timed-out',
  'otr-error',
  'otr-session-lost',
  'otr-refreshed',
  'connection-restored',
  /** The server re-sent a private message changed ("edited"): private messages are never edited, so it was ignored. */
  'edit-ignored',
]);
export type NoticeCode = z.infer<typeof NoticeCode>;

/** `delivered`: the peer acknowledged it (Rocket.Chat's own OTR sends an encrypted ack per message). */
export const MessageStatus = z.enum(['queued', 'pending', 'sent', 'delivered', 'failed']);
export type MessageStatus = z.infer<typeof MessageStatus>;

/**
 * Message markup as main parsed it (from the server's `md` on 7.x+, else from the text): the renderer builds
 * elements from it, never HTML. Links carry only safe schemes; mentions are bare names.
 */
export type Inline =
  | { t: 'text'; v: string }
  | { t: 'bold' | 'italic' | 'strike'; c: Inline[] }
  | { t: 'code'; v: string }
  | { t: 'link'; href: string; c: Inline[] }
  | { t: 'mention'; v: string }
  | { t: 'channel'; v: string };
export const Inline: z.ZodType<Inline> = z.lazy(() =>
  z.union([
    z.object({ t: z.literal('text'), v: z.string() }),
    z.object({ t: z.enum(['bold', 'italic', 'strike']), c: z.array(Inline).max(2000) }),
    z.object({ t: z.literal('code'), v: z.string() }),
    z.object({ t: z.literal('link'), href: z.string().max(4096), c: z.array(Inline).max(2000) }),
    z.object({ t: z.literal('mention'), v: z.string().max(256) }),
    z.object({ t: z.literal('channel'), v: z.string().max(256) }),
  ]),
);

export type Block =
  | { t: 'p'; c: Inline[] }
  | { t: 'code'; lines: string[] }
  | { t: 'quote'; c: Block[] }
  | { t: 'list'; ordered: boolean; items: Inline[][] };
export const Block: z.ZodType<Block> = z.lazy(() =>
  z.union([
    z.object({ t: z.literal('p'), c: z.array(Inline).max(5000) }),
    z.object({ t: z.literal('code'), lines: z.array(z.string()).max(5000) }),
    z.object({ t: z.literal('quote'), c: z.array(Block).max(1000) }),
    z.object({ t: z.literal('list'), ordered: z.boolean(), items: z.array(z.array(Inline).max(2000)).max(1000) }),
  ]),
);

/** A server line about the room: its type (`uj`, `ru`, `room_changed_topic`…), who did it, to whom, the new value. */
export const SystemLine = z.object({
  type: z.string().max(64),
  actor: z.string().max(256),
  target: z.string().max(256).optional(),
  value: z.string().max(2000).optional(),
});
export type SystemLine = z.infer<typeof SystemLine>;

export const Reaction = z.object({
  /** Rocket.Chat's short name, e.g. `:thumbsup:`. */
  emoji: z.string().max(64),
  usernames: z.array(z.string().max(256)).max(1000),
});
export type Reaction = z.infer<typeof Reaction>;

/** A quoted message (`attachments[].message_link`): who wrote it and what, and where it lives. */
export const Quote = z.object({
  link: z.string().max(4096),
  /** The quoted message's id (from the link's `msg=`), to find it in the room. */
  messageId: MessageId.optional(),
  author: z.string().max(256),
  body: z.array(Block).max(1000),
});
export type Quote = z.infer<typeof Quote>;
/** A file in a message. `path` is the file's place on the account's server (/file-upload/…), fetched by main. */
export const FileAttachment = z.object({
  name: z.string().max(1024),
  path: z.string().max(4096).optional(),
  type: z.string().max(256).optional(),
  size: z.number().int().nonnegative().optional(),
  image: z.boolean(),
  width: z.number().int().positive().optional(),
  height: z.number().int().positive().optional(),
});
export type FileAttachment = z.infer<typeof FileAttachment>;

export const Message = z.object({
  id: MessageId,
  roomId: RoomId,
  author: User.pick({ id: true, username: true, name: true }),
  /** Server time (epoch ms); for pending messages the local send time. */
  ts: z.number(),
  kind: MessageKind,
  text: z.string(),
  notice: NoticeCode.optional(),
  /** A notice about an earlier moment (a request that ended without a Yes): when that was (epoch ms). */
  noticeAt: z.number().optional(),
  status: MessageStatus,
  error: ErrorInfo.optional(),
  own: z.boolean(),
  /** The text as markup (absent for placeholders, notices and system lines). */
  body: z.array(Block).max(5000).optional(),
  /** kind 'system': what happened. */
  system: SystemLine.optional(),
  /** When the server says the message was edited (epoch ms). */
  editedAt: z.number().optional(),
  reactions: z.array(Reaction).max(200).optional(),
  quotes: z.array(Quote).max(20).optional(),
  /** A thread reply: its parent's id; `inRoom` when the author also showed it in the room (`tshow`). */
  threadId: MessageId.optional(),
  inRoom: z.boolean().optional(),
  /** A thread parent: how many replies, the newest one's time. */
  thread: z.object({ count: z.number().int().nonnegative(), lastAt: z.number().optional() }).optional(),
  files: z.array(FileAttachment).max(20).optional(),
});
export type Message = z.infer<typeof Message>;

/**
 * The most messages one history page hands the renderer. Main may hold many more of a room (everything paged in
 * earlier, kept across renderer reloads): rooms.open gives the newest this many, rooms.loadOlder the next ones
 * back, so the first screen costs the same for a room of 50 messages as for one of 10 000.
 */
export const HISTORY_WINDOW = 100;

export const HistoryPage = z.object({
  /** Oldest first. */
  messages: z.array(Message).max(HISTORY_WINDOW),
  /** False when the start of the room has been reached. */
  hasMore: z.boolean(),
});
export type HistoryPage = z.infer<typeof HistoryPage>;

/** The renderer's oldest message (time, then id, as main orders a room): rooms.loadOlder pages back from it. */
export const OldestShown = z.object({ ts: z.number(), id: MessageId });
export type OldestShown = z.infer<typeof OldestShown>;

export const KnownFingerprint = z.object({
  userId: UserId,
  username: z.string(),
  fingerprint: Fingerprint,
  verified: z.boolean(),
  firstSeenAt: z.number(),
  /** True while an open session uses this key: it cannot be forgotten then. */
  inUse: z.boolean(),
});
export type KnownFingerprint = z.infer<typeof KnownFingerprint>;

/** The user's settings: the same on every server. */
export const Settings = z.object({
  language: z.enum(['system', 'en', 'nl']),
  notifications: z.boolean(),
  /** Windows and Linux: closing the window keeps the app running in the tray. */
  closeToTray: z.boolean(),
});
export type Settings = z.infer<typeof Settings>;

/** One account's settings: what depends on its server and the people on it. */
export const AccountSettings = z.object({
  otrRequestTimeoutSec: z.number().int().min(10).max(600),
  /** Where the server has Rocket.Chat's own OTR (< 8.0, OTR_Enable): use it with colleagues on the official apps. */
  nativeOtr: z.boolean(),
});
export type AccountSettings = z.infer<typeof AccountSettings>;

export const KeygenProgress = z.object({
  phase: z.enum(['generating', 'ready', 'failed']),
});
export type KeygenProgress = z.infer<typeof KeygenProgress>;
