// The shape of `window.otrDesk`, derived from the contract so preload, host bridge and renderer agree.
// Calls 'otr.start' become api.otr.start(roomId); events arrive through api.on(name, listener).
import type { CallArgs, CallName, CallResult } from './calls.js';
import type { EventName, EventPayload } from './events.js';

type Namespace<K extends string> = K extends `${infer N}.${string}` ? N : never;
type Method<K extends string, N extends string> = K extends `${N}.${infer M}` ? M : never;

export type Api = {
  [N in Namespace<CallName>]: {
    [M in Method<CallName, N>]: `${N}.${M}` extends infer K extends CallName
      ? (...args: CallArgs<K>) => Promise<CallResult<K>>
      : never;
  };
} & {
  on<K extends EventName>(name: K, listener: (payload: EventPayload<K>) => void): () => void;
};

/** Name of the global the preload (or the browser host's bridge) defines. */
export const API_GLOBAL = 'otrDesk';

/** Turns a flat invoker into the nested api object. Used by the preload and by the browser host's bridge. */
export function buildApi(
  names: readonly CallName[],
  invoke: (name: CallName, args: unknown[]) => Promise<unknown>,
  on: (name: EventName, listener: (payload: unknown) => void) => () => void,
): Api {
  const api: Record<string, unknown> = {};
  for (const name of names) {
    const [ns, method] = name.split('.') as [string, string];
    const group = (api[ns] ??= {}) as Record<string, unknown>;
    group[method] = (...args: unknown[]) => invoke(name, args);
  }
  api.on = on;
  return api as Api;
}

/** Electron IPC channels: one invoke channel for all calls, one for all events. */
export const CALL_CHANNEL = 'otrdesk:call';
export const EVENT_CHANNEL = 'otrdesk:event';
