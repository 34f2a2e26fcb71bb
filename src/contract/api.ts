// The shape of `window.otrDesk`, derived from the contract so preload, host bridge and renderer agree.
// The global is the app-level api (the rail, settings, shell); api.account(id) gives one account's api, the
// shape every screen uses: calls 'otr.start' become api.otr.start(roomId), events arrive through api.on(name, …).
import { isAppCallName, isAppEventName } from './accounts.js';
import { callNames, type AppCallName, type CallArgs, type CallName, type CallResult } from './calls.js';
import { isEventName, type EventName, type EventPayload } from './events.js';

type Namespace<K extends string> = K extends `${infer N}.${string}` ? N : never;
type Method<K extends string, N extends string> = K extends `${N}.${infer M}` ? M : never;

type Nested<C extends CallName> = {
  [N in Namespace<C>]: {
    [M in Method<C, N>]: `${N}.${M}` extends infer K extends C ? (...args: CallArgs<K>) => Promise<CallResult<K>> : never;
  };
};

type AccountsCallName = Extract<CallName, `accounts.${string}`>;
type AppEventName = 'accounts.changed' | 'settings.changed';

/** What the host around the page offers, so screens offer only what works there. */
export interface HostFeatures {
  /** A tray (system-tray icon) where closing the window can keep the app running: Electron, not a browser. */
  tray: boolean;
}

/** One account's api: every call of the single-server app plus its own settings; the user's settings and shell are the app's, shared. */
export type Api = Nested<Exclude<CallName, AccountsCallName>> & {
  readonly features: HostFeatures;
  on<K extends Exclude<EventName, AppEventName>>(name: K, listener: (payload: EventPayload<K>) => void): () => void;
};

/** The global: the app-level calls and events, and each account's api. */
export type AppApi = Nested<AppCallName> & {
  readonly features: HostFeatures;
  on<K extends AppEventName>(name: K, listener: (payload: EventPayload<K>) => void): () => void;
  /** The api bound to one account (the same object for the same id). */
  account(accountId: string): Api;
};

export { API_GLOBAL } from './api-global.js';

/** Sends one call; `accountId` is set exactly for the calls that concern one account. */
export type Invoke = (name: CallName, args: unknown[], accountId?: string) => Promise<unknown>;

/**
 * Where events land in the page: the transport hands every event frame to `deliver`, listeners register per
 * (name, account). Used by the preload and by the browser host's bridge.
 */
export function createEventHub() {
  type Listener = (payload: unknown) => void;
  const listeners = new Map<string, Set<Listener>>();
  const key = (name: string, accountId: string | undefined) => `${name}\u0000${accountId ?? ''}`;
  return {
    deliver(name: unknown, payload: unknown, accountId: unknown): void {
      if (!isEventName(name)) return;
      const account = typeof accountId === 'string' ? accountId : undefined;
      // App events never carry an account, account events always do: anything else is dropped.
      if (isAppEventName(name) !== (account === undefined)) return;
      for (const listener of listeners.get(key(name, account)) ?? []) listener(payload);
    },
    on(name: EventName, listener: Listener, accountId?: string): () => void {
      if (!isEventName(name)) throw new Error('unknown event');
      const k = key(name, accountId);
      const set = listeners.get(k) ?? new Set<Listener>();
      listeners.set(k, set);
      set.add(listener);
      return () => set.delete(listener);
    },
  };
}
export type EventHub = ReturnType<typeof createEventHub>;

/** Turns a flat invoker and an event hub into the nested app api, for a host that offers `features`. */
export function buildApi(invoke: Invoke, hub: Pick<EventHub, 'on'>, features: HostFeatures): AppApi {
  const nest = (names: readonly CallName[], accountId?: string): Record<string, unknown> => {
    const api: Record<string, unknown> = {};
    for (const name of names) {
      const [ns, method] = name.split('.') as [string, string];
      const group = (api[ns] ??= {}) as Record<string, unknown>;
      group[method] = (...args: unknown[]) => invoke(name, args, isAppCallName(name) ? undefined : accountId);
    }
    return api;
  };
  const accounts = new Map<string, Api>();
  const app = nest(callNames.filter(isAppCallName));
  app.on = (name: EventName, listener: (payload: unknown) => void) => hub.on(name, listener);
  app.features = features;
  app.account = (accountId: string): Api => {
    let api = accounts.get(accountId);
    if (!api) {
      const bound = nest(callNames.filter((name) => !name.startsWith('accounts.')), accountId);
      bound.on = (name: EventName, listener: (payload: unknown) => void) => hub.on(name, listener, accountId);
      bound.features = features;
      api = bound as Api;
      accounts.set(accountId, api);
    }
    return api;
  };
  return app as AppApi;
}

/** Electron IPC channels: one invoke channel for all calls, one for all events. */
export const CALL_CHANNEL = 'otrdesk:call';
export const EVENT_CHANNEL = 'otrdesk:event';
