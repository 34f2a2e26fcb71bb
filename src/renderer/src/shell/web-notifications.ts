// Desktop notifications where main cannot show them itself (the browser host): main's notifier decides what to
// say and sends it as 'desktop.notify'; the page shows it with the Web Notification API while its window is not
// focused, and a click brings the window forward on that server's chat, as Electron's notifications do.
import type { Api } from '../../../contract/api.js';

/** The parts of the page this needs, so tests can pass a fake. */
export interface NotifyingPage {
  Notification: Pick<typeof Notification, 'permission' | 'requestPermission'> &
    (new (title: string, options: { body: string; tag: string }) => Pick<Notification, 'onclick' | 'close'>);
  hasFocus(): boolean;
  focus(): void;
  /** Runs `listener` once, on the user's first click or key press. */
  onFirstGesture(listener: () => void): void;
}

export function browserPage(): NotifyingPage | undefined {
  if (typeof window === 'undefined' || !('Notification' in window)) return undefined;
  return {
    Notification: window.Notification,
    hasFocus: () => document.hasFocus(),
    focus: () => window.focus(),
    onFirstGesture: (listener) => {
      const once = (): void => {
        window.removeEventListener('pointerdown', once, true);
        window.removeEventListener('keydown', once, true);
        listener();
      };
      window.addEventListener('pointerdown', once, true);
      window.addEventListener('keydown', once, true);
    },
  };
}

/** Browsers ask for permission only after a user gesture: the first click or key press asks, if nobody has yet. */
export function askNotificationPermission(page = browserPage()): void {
  if (page?.Notification.permission === 'default') page.onFirstGesture(() => void page.Notification.requestPermission());
}

/** Shows the notifications of one account; `open` goes to a room of that account. Returns the stop. */
export function showWebNotifications(
  api: Pick<Api, 'on'>,
  accountId: string,
  open: (roomId: string) => void,
  page = browserPage(),
): () => void {
  if (!page) return () => undefined;
  return api.on('desktop.notify', ({ title, body, roomId }) => {
    if (page.Notification.permission !== 'granted' || page.hasFocus()) return;
    // One notification per chat at a time: a newer one replaces the one still showing.
    const notification = new page.Notification(title, { body, tag: `${accountId}/${roomId}` });
    notification.onclick = () => {
      notification.close();
      page.focus();
      open(roomId);
    };
  });
}
