// Desktop notifications in the browser host, through the same notifier as Electron's (src/main/desktop): its
// "native notification" here is an intent sent to the page ('desktop.notify', addressed to the account), which
// shows it with the Web Notification API while its window is not focused; a click there opens the chat. What
// a notification says (server in the title, never private text) is decided on this side, as in Electron.
import type { AddressedEventSink, EventName, EventPayload } from '../contract/events.js';
import type { AccountRegistry } from '../main/accounts/registry.js';
import { notificationFeed } from '../main/desktop/notification-feed.js';
import {
  createMessageNotifier,
  type NotificationConstructor,
  type NotificationLike,
  type NotificationTarget,
} from '../main/desktop/notifications.js';
import { resolveUiLanguage } from '../main/desktop/words.js';

/** A notification handed to the page: shown there, so clicks and closing happen there too. */
function pageNotifications(emit: AddressedEventSink): NotificationConstructor {
  return class PageNotification implements NotificationLike {
    static isSupported = (): boolean => true;
    constructor(
      private readonly content: { title: string; body: string },
      private readonly target?: NotificationTarget,
    ) {}
    on(): this {
      return this;
    }
    show(): void {
      // Only notifications that open a chat reach the page; app notices (the tray's) do not exist here.
      if (!this.target) return;
      emit('desktop.notify', { ...this.content, roomId: this.target.roomId }, this.target.accountId);
    }
  };
}

/**
 * Wraps the host's event sink: every event still goes to the page, and the accounts' messages and OTR states
 * also feed the notifier. `registry` is read at event time (it exists once the sink has been handed to it).
 */
export function withNotifications(emit: AddressedEventSink, registry: () => AccountRegistry | undefined): AddressedEventSink {
  const notifier = createMessageNotifier({
    Notification: pageNotifications(emit),
    // The page decides: it shows a notification only while its window is not focused.
    isWindowFocused: () => false,
    activeRoom: () => undefined,
    settings: () => ({ notifications: registry()?.settings.get().notifications ?? false }),
    language: () => resolveUiLanguage(registry()?.settings.get().language ?? 'system', Intl.DateTimeFormat().resolvedOptions().locale),
    // A click is the page's: it opens the chat itself.
    onOpenRoom: () => undefined,
  });
  const feed = notificationFeed(notifier, (accountId) => {
    const account = registry()?.cores().find((entry) => entry.id === accountId);
    return account && { rooms: () => account.core.rooms(), serverUrl: account.summary.serverUrl };
  });
  return <K extends EventName>(name: K, payload: EventPayload<K>, accountId?: string): void => {
    emit(name, payload, accountId);
    feed(name, payload, accountId);
  };
}
