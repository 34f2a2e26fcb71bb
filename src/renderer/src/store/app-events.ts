// Named app moments for end-to-end tests: they wait for these instead of sleeping.
// Details carry ids, kinds and phases only — never the text of a message.

export const APP_EVENT = 'otrdesk:event';

export type AppEventName =
  | 'session.changed'
  | 'login.outcome'
  | 'rooms.loaded'
  | 'room.opened'
  | 'history.loaded'
  | 'chat.message'
  | 'chat.removed'
  | 'otr.changed'
  | 'settings.changed'
  | 'accounts.changed';

export type AppEventDetail = Readonly<Record<string, string | number | boolean | undefined>>;
export type AppEventEmitter = (name: AppEventName, detail: AppEventDetail) => void;

/** Dispatches `otrdesk:event` on window with `{ name, detail }`; a no-op where there is no DOM. */
export const domAppEvents: AppEventEmitter = (name, detail) => {
  const target = globalThis as { dispatchEvent?: (event: Event) => boolean; CustomEvent?: typeof CustomEvent };
  if (!target.dispatchEvent || !target.CustomEvent) return;
  target.dispatchEvent(new target.CustomEvent(APP_EVENT, { detail: { name, detail } }));
};
