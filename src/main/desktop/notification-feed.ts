// Feeds every account's events to the desktop notifier: a new message or an OTR state that asks something, with
// the server it came from in the title. Shared by Electron and the browser host, so both say the same.
import type { EventName, EventPayload } from '../../contract/events.js';
import type { Room } from '../../contract/model.js';
import type { MessageNotifier } from './notifications.js';

/** What the feed needs of one account: its rooms now, and its server. */
export interface NotifyingAccount {
  rooms(): Room[];
  serverUrl: string | undefined;
}

/** hostname[:port] of a server URL, lower case; undefined when there is none or it does not parse. */
export function serverHost(serverUrl: string | undefined): string | undefined {
  if (!serverUrl) return undefined;
  try {
    return new URL(serverUrl).host;
  } catch {
    return undefined;
  }
}

/** An event listener (give it every account event, with the account's id) that notifies where it should. */
export function notificationFeed(notifier: MessageNotifier, accountOf: (accountId: string) => NotifyingAccount | undefined) {
  return <K extends EventName>(name: K, payload: EventPayload<K>, accountId?: string): void => {
    if (accountId === undefined || (name !== 'chat.message' && name !== 'otr.changed')) return;
    const { roomId } = payload as EventPayload<'chat.message' | 'otr.changed'>;
    const account = accountOf(accountId);
    const room = account?.rooms().find((r) => r.id === roomId);
    if (!account || !room) return;
    const origin = { accountId, server: serverHost(account.serverUrl) ?? '' };
    if (name === 'chat.message') notifier.notify(payload as EventPayload<'chat.message'>, room, origin);
    else notifier.otr(payload as EventPayload<'otr.changed'>, room, origin);
  };
}
