// The shell: the server rail's state (accounts in order, the active one, their unread and connection marks, fed
// by main's 'accounts.changed') and ONE AppStore per account, made with that account's api. The active
// account's store is what the screens see; the others keep running, so their chats stay current.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { AccountsState, AccountSummary } from '../../../contract/accounts.js';
import type { AppApi } from '../../../contract/api.js';
import type { ErrorInfo, Settings } from '../../../contract/model.js';
import { createAppStore, type AppStore } from '../store/app-store.js';
import { domAppEvents, type AppEventEmitter } from '../store/app-events.js';
import { askNotificationPermission, showWebNotifications } from './web-notifications.js';

export interface ShellData {
  loaded: boolean;
  accounts: AccountSummary[];
  activeId: string | null;
  migrationFailed: boolean;
  problem: ErrorInfo | null;
}

export interface ShellActions {
  /** Subscribes to the app's events, loads the rail and starts every account's store; returns the stop. */
  start: () => () => void;
  /** The store of one account (made on first use; running while the shell is). */
  storeOf: (accountId: string) => AppStore;
  add: () => Promise<void>;
  remove: (accountId: string) => Promise<void>;
  /** Moves an account one place up (-1) or down (+1) in the rail. */
  move: (accountId: string, by: -1 | 1) => Promise<void>;
  activate: (accountId: string) => Promise<void>;
  /** Ctrl/Cmd+1…9: the n-th server (from 0); nothing when there is none. */
  activateIndex: (index: number) => Promise<void>;
  dismissProblem: () => void;
}

export type ShellState = ShellData & ShellActions;

/** One account's store, and how it runs: the store and, where main cannot show them, its notifications. */
interface Entry {
  store: AppStore;
  start: () => () => void;
  stop?: () => void;
}
export type ShellStore = StoreApi<ShellState>;

/** `known`: the settings main.tsx read before the first render, so no account's store asks for them again. */
export function createShellStore(api: AppApi, emit: AppEventEmitter = domAppEvents, known: Settings | null = null): ShellStore {
  // A store outlives a stop/start of the shell (React's StrictMode does one): it is stopped and started again.
  const stores = new Map<string, Entry>();
  let running = false;
  let settings: Settings | null = known;
  const keepRunning = (entry: Entry): void => {
    if (running && !entry.stop) entry.stop = entry.start();
  };

  return createStore<ShellState>()((set, get) => {
    const apply = (state: AccountsState): void => {
      const { accounts, activeId, migrationFailed } = state;
      set({ loaded: true, accounts, activeId, migrationFailed });
      // An account removed in main: its store goes too (nothing of it stays in memory).
      for (const [id, entry] of stores) {
        if (!accounts.some((a) => a.id === id)) {
          entry.stop?.();
          stores.delete(id);
        }
      }
      for (const account of accounts) get().storeOf(account.id).getState().setOnScreen(account.id === activeId);
      emit('accounts.changed', { count: accounts.length, active: activeId });
    };
    const run = async (call: Promise<{ ok: true; value: AccountsState } | { ok: false; error: ErrorInfo }>) => {
      const result = await call;
      if (result.ok) apply(result.value);
      else set({ problem: result.error });
    };

    return {
      loaded: false,
      accounts: [],
      activeId: null,
      migrationFailed: false,
      problem: null,

      start() {
        running = true;
        askNotificationPermission();
        for (const entry of stores.values()) keepRunning(entry);
        const offs = [
          api.on('accounts.changed', apply),
          api.on('settings.changed', (value) => {
            settings = value;
            for (const { store } of stores.values()) store.setState({ settings: value });
          }),
        ];
        void run(api.accounts.list());
        return () => {
          running = false;
          offs.forEach((off) => off());
          for (const entry of stores.values()) {
            entry.stop?.();
            entry.stop = undefined;
          }
        };
      },

      storeOf(accountId) {
        let entry = stores.get(accountId);
        if (!entry) {
          // Each account's app events say which account they come from (the e2e tests tell them apart).
          const store = createAppStore(api.account(accountId), (name, detail) => emit(name, { ...detail, account: accountId }));
          if (settings) store.setState({ settings });
          // A click on a notification opens its chat as desktop.navigate does, on its server.
          const openRoom = async (roomId: string): Promise<void> => {
            await get().activate(accountId);
            if (store.getState().session.me !== undefined) await store.getState().openRoom(roomId);
          };
          const start = (): (() => void) => {
            const stopStore = store.getState().start();
            const stopNotifications = showWebNotifications(api.account(accountId), accountId, (roomId) => void openRoom(roomId));
            return () => {
              stopStore();
              stopNotifications();
            };
          };
          entry = { store, start };
          stores.set(accountId, entry);
        }
        keepRunning(entry);
        return entry.store;
      },

      add: () => run(api.accounts.add()),
      remove: (accountId) => run(api.accounts.remove(accountId)),
      async move(accountId, by) {
        const order = get().accounts.map((a) => a.id);
        const from = order.indexOf(accountId);
        const to = from + by;
        if (from < 0 || to < 0 || to >= order.length) return;
        order.splice(to, 0, ...order.splice(from, 1));
        await run(api.accounts.reorder(order));
      },
      activate: (accountId) => (accountId === get().activeId ? Promise.resolve() : run(api.accounts.activate(accountId))),
      async activateIndex(index) {
        const account = get().accounts[index];
        if (account) await get().activate(account.id);
      },
      dismissProblem: () => set({ problem: null }),
    };
  });
}
