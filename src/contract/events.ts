// Every event main pushes to the renderer. Plaintext only.
import { z } from 'zod';
import { AccountsState } from './accounts.js';
import { CertificateProblem, ErrorInfo, KeygenProgress, Message, MessageId, OtrRoomView, Presence, Room, RoomId, Session, Settings, AccountSettings, UserId } from './model.js';

export const events = {
  /** Connection or sign-in state changed. */
  'session.changed': Session,
  /** A connection of this account met a certificate nobody trusts: ask the user (host, SHA-256, issuer only). */
  'net.certificateUntrusted': CertificateProblem,
  /** The room list changed (unread counts, new DMs, removed rooms): the full list. */
  'rooms.changed': z.array(Room),
  /** A new message, or a new state of one we already have (matched by id). */
  'chat.message': Message,
  /** A message disappeared (discarded, or deleted on the server). */
  'chat.removed': z.object({ roomId: RoomId, id: MessageId }),
  /** Everything shown for a room was dropped (e.g. private plaintext purged): re-open it. */
  'chat.reset': z.object({ roomId: RoomId }),
  'chat.typing': z.object({ roomId: RoomId, usernames: z.array(z.string()) }),
  /** An upload on its way (`sent` of `total` bytes), or its end: `done`, or `error` (cancelled, refused, failed). */
  'files.progress': z.object({
    roomId: RoomId, uploadId: z.string().max(64), sent: z.number().nonnegative(), total: z.number().nonnegative(),
    done: z.boolean().optional(), error: ErrorInfo.optional(),
  }),
  'users.presence': z.object({ userId: UserId, presence: Presence }),
  /**
   * Browser host only: open the SSO flow in a popup and say when it closes ('auth.ssoWindowClosed'). The address
   * is the host's loopback forwarder of that flow (src/main/sso-proxy), which reads where it ends. The Electron
   * app opens its own sandboxed window instead and never sends this.
   */
  'auth.ssoWindow': z.object({ url: z.string().url().max(8192), width: z.number().int().min(200).max(4000), height: z.number().int().min(200).max(4000) }),
  'otr.changed': OtrRoomView,
  'otr.keygen': KeygenProgress,
  /** Told once per sign-in: the identity key cannot be read, or the trusted keys were damaged (see the code). */
  'otr.problem': ErrorInfo,
  /** App-level: the rail changed (accounts, order, active one, unread counts, connection marks). */
  'accounts.changed': AccountsState,
  /** App-level: the user's settings changed (they are shared by every account; each account has its own too). */
  'settings.changed': Settings,
  /** One account's own settings changed. */
  'accountSettings.changed': AccountSettings,
  /**
   * The desktop asks the UI to go somewhere: to a room (a notification was clicked, a rocketchat:// link was
   * opened), or to sign-in for a server the user agreed to add from a link.
   */
  'desktop.navigate': z.discriminatedUnion('to', [
    z.object({ to: z.literal('room'), roomId: RoomId }),
    z.object({ to: z.literal('sign-in'), serverUrl: z.string().url().max(2048) }),
  ]),
  /**
   * Browser host only: a desktop notification for the page to show (Web Notification API) while its window is
   * not focused; a click opens `roomId`. Said by main's notifier, so it never holds private text.
   */
  'desktop.notify': z.object({ title: z.string().max(600), body: z.string().max(600), roomId: RoomId }),
} as const;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<K extends EventName> = z.infer<Events[K]>;

export const eventNames = Object.keys(events) as EventName[];

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(events, name);
}

/** How one account's core pushes its events (the registry adds the account's id). */
export type EventSink = <K extends EventName>(name: K, payload: EventPayload<K>) => void;
/** How main pushes events to the window: `accountId` names the account, absent for app-level events. */
export type AddressedEventSink = <K extends EventName>(name: K, payload: EventPayload<K>, accountId?: string) => void;
