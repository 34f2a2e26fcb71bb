// Every call the renderer can make, with runtime schemas for its arguments and its result.
// Arguments are tuples so the preload can expose natural signatures: api.otr.start(roomId).
// Every call resolves to a Result: failures are data (an ErrorInfo), never thrown across the boundary.
import { z } from 'zod';
import { AccountId, AccountsState, type AppCallPrefix } from './accounts.js';
import {
  CertificateInfo,
  ErrorInfo,
  Fingerprint,
  LoginOptions,
  OldestShown,
  HistoryPage,
  KnownFingerprint,
  Message,
  MessageId,
  OtrRoomView,
  PinnedCertificate,
  Room,
  RoomId,
  Session,
  Settings,
  AccountSettings,
  User,
  UserId,
} from './model.js';

const text = z.string().min(1).max(20_000);
const nothing = z.null();

export const LoginRequest = z.object({
  serverUrl: z.string().min(1).max(2048),
  /** Username or e-mail address. */
  user: z.string().min(1).max(256),
  password: z.string().min(1).max(1024),
});
export type LoginRequest = z.infer<typeof LoginRequest>;

export const LoginOutcome = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('signed-in'), session: Session }),
  /** The server wants a second factor; call auth.submitTotp with the code. */
  z.object({ kind: z.literal('totp-required'), method: z.string().optional() }),
]);
export type LoginOutcome = z.infer<typeof LoginOutcome>;

/** A path on the account's server where Rocket.Chat keeps uploads. */
const FilePath = z.string().regex(/^\/file-upload\/[^?#]+$/).max(4096);

export const FileDownload = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('saved') }),
  z.object({ kind: z.literal('cancelled') }),
  /** Browser host: the page downloads from this one-time address. */
  z.object({ kind: z.literal('href'), href: z.string().max(256) }),
]);
export type FileDownload = z.infer<typeof FileDownload>;

export const UploadRequest = z.object({
  name: z.string().min(1).max(1024),
  type: z.string().max(256),
  size: z.number().int().nonnegative(),
  /** Reply in this thread. */
  threadId: MessageId.optional(),
});
export type UploadRequest = z.infer<typeof UploadRequest>;

export const Fingerprints = z.object({
  own: Fingerprint.optional(),
  peer: Fingerprint.optional(),
  verified: z.boolean(),
  known: z.array(KnownFingerprint),
});
export type Fingerprints = z.infer<typeof Fingerprints>;

function call<A extends z.ZodTuple, R extends z.ZodType>(args: A, result: R) {
  return { args, result };
}

export const calls = {
  'session.get': call(z.tuple([]), Session),

  'auth.login': call(z.tuple([LoginRequest]), LoginOutcome),
  'auth.submitTotp': call(z.tuple([z.string().regex(/^[0-9A-Za-z]{4,12}$/)]), LoginOutcome),
  'auth.loginWithToken': call(
    z.tuple([z.object({ serverUrl: z.string().min(1).max(2048), userId: UserId, token: z.string().min(1).max(512) })]),
    LoginOutcome,
  ),
  /** What the sign-in screen offers for this server: LDAP wording, the password form, SSO buttons. */
  'auth.loginOptions': call(z.tuple([z.string().min(1).max(2048)]), LoginOptions),
  /** Signs in through one of the server's SSO services; the provider's page opens in its own window. */
  'auth.sso': call(z.tuple([z.object({ serverUrl: z.string().min(1).max(2048), serviceId: z.string().min(1).max(200) })]), LoginOutcome),
  /** Browser host: the provider's popup (asked for by 'auth.ssoWindow') was closed, or could not be opened. */
  'auth.ssoWindowClosed': call(z.tuple([]), nothing),
  'auth.logout': call(z.tuple([]), nothing),
  /** Gives up the sign-in in progress: its answer is an error, and nothing of it stays signed in. */
  'auth.cancel': call(z.tuple([]), nothing),

  'connection.reconnectNow': call(z.tuple([]), nothing),

  /** "Trust": pins this certificate for its host (shared by every account) and connects again. */
  'net.trustCertificate': call(z.tuple([CertificateInfo]), nothing),
  'net.pinnedCertificates': call(z.tuple([]), z.array(PinnedCertificate)),
  /** Revokes the pin: that host's certificate is asked about again. */
  'net.forgetCertificate': call(z.tuple([CertificateInfo.shape.host]), nothing),

  'rooms.list': call(z.tuple([]), z.array(Room)),
  'rooms.open': call(z.tuple([RoomId]), HistoryPage),
  /** The page before `before` (null: before the newest), from what main holds first, then from the server. */
  'rooms.loadOlder': call(z.tuple([RoomId, OldestShown.nullable()]), HistoryPage),
  'rooms.markRead': call(z.tuple([RoomId]), nothing),
  'rooms.startDirect': call(z.tuple([z.string().min(1).max(256)]), Room),

  'users.search': call(z.tuple([z.string().max(256)]), z.array(User)),

  'chat.send': call(z.tuple([RoomId, text]), Message),
  'chat.retry': call(z.tuple([RoomId, MessageId]), Message),
  'chat.discard': call(z.tuple([RoomId, MessageId]), nothing),
  'chat.setTyping': call(z.tuple([RoomId, z.boolean()]), nothing),
  /** Adds or takes back the user's reaction (`:name:`); refused for anything of a private chat. */
  'chat.react': call(z.tuple([RoomId, MessageId, z.string().regex(/^:[\w+-]{1,60}:$/)]), nothing),

  /** A thread: its parent and replies, oldest first. */
  'threads.open': call(z.tuple([RoomId, MessageId]), z.array(Message)),
  'threads.reply': call(z.tuple([RoomId, MessageId, text]), Message),

  /** A picture to show: a one-time address on the app's own origin; main fetches it with the user's credentials. */
  'files.preview': call(z.tuple([RoomId, FilePath]), z.object({ src: z.string().max(256) })),
  /** Saves a file: through a save dialog on the desktop, or (browser host) an address to download from. */
  'files.download': call(z.tuple([RoomId, FilePath, z.string().min(1).max(1024)]), FileDownload),
  /**
   * Checks an upload (room, size, a private chat refuses) and gives a one-time address on the app's own origin to
   * POST the bytes to; progress arrives as 'files.progress', the message as usual.
   */
  'files.startUpload': call(z.tuple([RoomId, UploadRequest]), z.object({ uploadId: z.string().max(64), target: z.string().max(256) })),
  'files.cancelUpload': call(z.tuple([z.string().min(1).max(64)]), nothing),

  'otr.get': call(z.tuple([RoomId]), OtrRoomView),
  /** Every DM's state at once (a window that just opened shows them in the room list): one call per account. */
  'otr.states': call(z.tuple([]), z.array(OtrRoomView).max(100_000)),
  'otr.start': call(z.tuple([RoomId]), OtrRoomView),
  'otr.cancel': call(z.tuple([RoomId]), OtrRoomView),
  'otr.accept': call(z.tuple([RoomId]), OtrRoomView),
  'otr.decline': call(z.tuple([RoomId]), OtrRoomView),
  'otr.end': call(z.tuple([RoomId]), OtrRoomView),
  'otr.confirmEnded': call(z.tuple([RoomId]), OtrRoomView),
  /** Close a declined / timed-out / error notice and go back to idle. */
  'otr.dismiss': call(z.tuple([RoomId]), OtrRoomView),
  'otr.refresh': call(z.tuple([RoomId]), OtrRoomView),
  'otr.fingerprints': call(z.tuple([RoomId]), Fingerprints),
  'otr.ownFingerprint': call(z.tuple([]), Fingerprint.nullable()),
  /** Marks the peer verified, bound to the exact fingerprint the user saw. */
  'otr.verify': call(z.tuple([RoomId, Fingerprint]), OtrRoomView),
  'otr.unverify': call(z.tuple([RoomId, Fingerprint]), OtrRoomView),
  /** key-changed: accept the peer's new key (unverified) so sending is allowed again. */
  'otr.acceptNewKey': call(z.tuple([RoomId, Fingerprint]), OtrRoomView),
  'otr.smpStart': call(
    z.tuple([RoomId, z.object({ secret: z.string().min(1).max(500), question: z.string().max(500).optional() })]),
    OtrRoomView,
  ),
  'otr.smpAnswer': call(z.tuple([RoomId, z.string().min(1).max(500)]), OtrRoomView),
  'otr.smpAbort': call(z.tuple([RoomId]), OtrRoomView),
  'otr.knownFingerprints': call(z.tuple([]), z.array(KnownFingerprint)),
  'otr.forgetFingerprint': call(z.tuple([UserId, Fingerprint]), nothing),
  /** What 'otr.problem' told since sign-in: for a window that opened after it was said. */
  'otr.problems': call(z.tuple([]), z.array(ErrorInfo)),

  /** The server rail. New accounts start signed out; removing one deletes its data from this computer. */
  'accounts.list': call(z.tuple([]), AccountsState),
  'accounts.add': call(z.tuple([]), AccountsState),
  'accounts.remove': call(z.tuple([AccountId]), AccountsState),
  'accounts.reorder': call(z.tuple([z.array(AccountId).max(100)]), AccountsState),
  'accounts.activate': call(z.tuple([AccountId]), AccountsState),

  /** This account's own settings (its server, its people): the OTR request timeout, Rocket.Chat's own OTR. */
  'accountSettings.get': call(z.tuple([]), AccountSettings),
  'accountSettings.set': call(z.tuple([AccountSettings.partial()]), AccountSettings),

  /** The user's settings, the same on every server. */
  'settings.get': call(z.tuple([]), Settings),
  'settings.set': call(z.tuple([Settings.partial()]), Settings),

  'shell.openExternal': call(z.tuple([z.string().url().max(4096)]), nothing),
} as const;

export type Calls = typeof calls;
export type CallName = keyof Calls;
export type CallArgs<K extends CallName> = z.infer<Calls[K]['args']>;
export type CallValue<K extends CallName> = z.infer<Calls[K]['result']>;

export type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorInfo };
export type CallResult<K extends CallName> = Result<CallValue<K>>;

export const callNames = Object.keys(calls) as CallName[];

export function isCallName(name: unknown): name is CallName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(calls, name);
}

/** Calls that concern the app (the rail, settings, shell): they name no account. */
export type AppCallName = Extract<CallName, `${AppCallPrefix}${string}`>;
/** Calls that concern one account: the envelope names it. */
export type AccountCallName = Exclude<CallName, AppCallName>;

type HandlersOf<N extends CallName> = { [K in N]: (...args: CallArgs<K>) => Promise<CallResult<K>> };
/** What one account's service implements: one async function per call. Errors are returned, not thrown. */
export type Handlers = HandlersOf<AccountCallName>;
/** What the account registry implements for the app-level calls. */
export type AppHandlers = HandlersOf<AppCallName>;

export { Message };
