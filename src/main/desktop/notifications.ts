// Native notifications for new messages. The one rule that matters: a private (OTR) message never shows its
// plaintext outside the window — the notification says "Encrypted message", whatever the message holds.
// With several servers, the title names the server the message came from. Pure: Electron passes its native
// Notification, the browser host one that hands the notification to the page (src/host/notifications.ts).
import { findForbidden } from '../../contract/wire-guard.js';
import type { Message, OtrRoomView, Room, Settings } from '../../contract/model.js';
import { attentionOccurrence, otrAttention } from '../../contract/otr-attention.js';
import { desktopWords, type UiLanguage } from './words.js';

/** The slice of Electron's Notification this module uses, so tests can pass a fake. */
export interface NotificationLike {
  on(event: 'click' | 'close', listener: () => void): unknown;
  show(): void;
}
/** The chat a notification opens when clicked. */
export interface NotificationTarget {
  accountId: string;
  roomId: string;
}
export interface NotificationConstructor {
  /** `target` (absent for an app notice) is for a notifier that is not native; Electron's ignores it. */
  new (options: { title: string; body: string }, target?: NotificationTarget): NotificationLike;
  isSupported(): boolean;
}

export interface NotificationContent {
  title: string;
  body: string;
}

/** Longest body shown for a plaintext message; the rest is cut off with an ellipsis. */
export const BODY_MAX_CHARS = 120;
/** Messages older than this when they arrive come from a resync, not from someone writing now. */
export const STALE_AFTER_MS = 2 * 60_000;

/** What a notification for `message` says. Private kinds get a fixed body; the text is not even read. */
export function notificationContent(message: Message, room: Room, language: UiLanguage, server = ''): NotificationContent {
  const sender = message.author.name ?? message.author.username;
  const where = room.type === 'd' ? sender : `${sender} · ${room.displayName}`;
  const title = server ? `${where} — ${server}` : where;
  const encrypted = desktopWords(language).encryptedMessage;
  if (message.kind === 'private' || message.kind === 'unreadable-private' || message.kind === 'unaccepted-key') {
    return { title, body: encrypted };
  }
  // Wire text should never arrive as a plain message; if it does, it still must not be shown.
  if (findForbidden(message.text) !== null) return { title, body: encrypted };
  return { title, body: truncate(message.text.replace(/\s+/g, ' ').trim(), BODY_MAX_CHARS) };
}

export interface NotifyContext {
  notificationsEnabled: boolean;
  windowFocused: boolean;
  activeRoomId: string | undefined;
  now: number;
}

/** Whether `message` deserves a notification at all: someone else wrote it, just now, somewhere not in view. */
export function shouldNotify(message: Message, context: NotifyContext): boolean {
  if (!context.notificationsEnabled) return false;
  if (message.own || message.status !== 'sent') return false;
  if (message.kind === 'notice' || message.kind === 'system' || message.kind === 'deleted') return false;
  if (context.windowFocused && context.activeRoomId === message.roomId) return false;
  return context.now - message.ts <= STALE_AFTER_MS;
}

export interface MessageNotifierOptions {
  Notification: NotificationConstructor;
  isWindowFocused: () => boolean;
  /** The room open in the window, if any, and the account it belongs to (room ids repeat across servers). */
  activeRoom: () => { accountId: string; roomId: string } | undefined;
  settings: () => Pick<Settings, 'notifications'>;
  language: () => UiLanguage;
  /** Clicking a notification: bring the window forward and open this room of this account. */
  onOpenRoom: (accountId: string, roomId: string) => void;
  now?: () => number;
}

/** The account a message belongs to, and its server's name (hostname[:port]) for the title. */
export interface MessageOrigin {
  accountId: string;
  server: string;
}

export interface MessageNotifier {
  /** Shows a notification for `message` (of the account on `server`) if it deserves one; true when one was shown. */
  notify(message: Message, room: Room, origin: MessageOrigin): boolean;
  /** A notice from the app itself (no room, nothing to open), under the same setting. */
  tell(body: string): void;
  /**
   * A DM's OTR state that asks the user something (a request, a new key, the peer ending, an SMP question), while
   * the window is not focused: names the chat, never any private text; a click opens it. True when one was shown.
   */
  otr(view: OtrRoomView, room: Room, origin: MessageOrigin): boolean;
}

/** Updates of a message already seen (same id) must not notify twice; remember this many ids. */
const REMEMBERED_IDS = 500;

export function createMessageNotifier(options: MessageNotifierOptions): MessageNotifier {
  const seen = new Set<string>();
  // Electron drops the click handler of a notification that was garbage-collected: hold on until it is done.
  const live = new Set<NotificationLike>();
  const now = options.now ?? Date.now;
  /** Shows `content`; a click brings the window forward on `roomId` of `accountId`. */
  const show = (content: NotificationContent, accountId: string, roomId: string): true => {
    const notification = new options.Notification(content, { accountId, roomId });
    live.add(notification);
    notification.on('click', () => {
      live.delete(notification);
      options.onOpenRoom(accountId, roomId);
    });
    notification.on('close', () => live.delete(notification));
    notification.show();
    return true;
  };

  return {
    notify(message, room, origin) {
      const key = `${origin.accountId}/${message.id}`;
      if (seen.has(key)) return false;
      const active = options.activeRoom();
      const context: NotifyContext = {
        notificationsEnabled: options.settings().notifications,
        windowFocused: options.isWindowFocused(),
        activeRoomId: active?.accountId === origin.accountId ? active.roomId : undefined,
        now: now(),
      };
      if (!shouldNotify(message, context) || !options.Notification.isSupported()) return false;
      remember(seen, key);
      return show(notificationContent(message, room, options.language(), origin.server), origin.accountId, message.roomId);
    },
    otr(view, room, origin) {
      const attention = otrAttention(view);
      // One notification per occurrence: a new request (new deadline) or a new question notifies again.
      const key = `${origin.accountId}/${attentionOccurrence(view)}`;
      if (attention === null || seen.has(key) || !options.settings().notifications) return false;
      if (options.isWindowFocused() || !options.Notification.isSupported()) return false;
      remember(seen, key);
      const peer = room.peer?.name ?? room.peer?.username ?? room.displayName;
      const words = desktopWords(options.language());
      const title = origin.server ? `${peer} — ${origin.server}` : peer;
      return show({ title, body: words.otrAttention(attention, peer) }, origin.accountId, view.roomId);
    },
    tell(body) {
      if (!options.settings().notifications || !options.Notification.isSupported()) return;
      new options.Notification({ title: 'OTR Desk', body }).show();
    },
  };
}

function remember(seen: Set<string>, id: string): void {
  seen.add(id);
  if (seen.size > REMEMBERED_IDS) {
    const oldest = seen.values().next().value;
    if (oldest !== undefined) seen.delete(oldest);
  }
}

function truncate(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('').trimEnd()}…`;
}
