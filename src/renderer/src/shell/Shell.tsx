// The whole window with several servers: the rail, and the active account's window (the single-server app,
// unchanged, given that account's store and api). Ctrl/Cmd+1…9 switches servers.
import { useEffect, useMemo, useState } from 'react';
import { useStore } from 'zustand';
import type { AppApi } from '../../../contract/api.js';
import type { Settings } from '../../../contract/model.js';
import { Window } from '../App.js';
import { languageFor, translator } from '../i18n/index.js';
import { AppProvider, useT } from '../store/context.js';
import { errorText } from '../ui/error-text.js';
import { ServerRail } from './ServerRail.js';
import { createShellStore, type ShellStore } from './shell-store.js';

export function Shell(props: { api: AppApi; shell?: ShellStore; settings?: Settings | null }) {
  const shell = useMemo(() => props.shell ?? createShellStore(props.api, undefined, props.settings ?? null), [props.api, props.shell, props.settings]);
  useEffect(() => shell.getState().start(), [shell]);
  useSwitchShortcuts(shell);
  const activeId = useStore(shell, (s) => s.activeId);
  // A first start (one server, not signed in yet) looks like the single-server app: just the sign-in screen.
  const firstStart = useStore(shell, (s) => s.accounts.length === 1 && s.accounts[0]?.serverUrl === undefined);
  // The preload hands out a new proxy per call: one per account keeps the screens' effects from re-running.
  const api = useMemo(() => (activeId ? props.api.account(activeId) : null), [props.api, activeId]);

  if (!activeId || !api) {
    const t = translator(languageFor(undefined, globalThis.navigator?.language));
    return (
      <main className="splash" role="status">
        {t('app.loading')}
      </main>
    );
  }
  return (
    <AppProvider api={api} store={shell.getState().storeOf(activeId)}>
      <div className="desk">
        {!firstStart && <ServerRail shell={shell} />}
        <div className="desk-main">
          <ShellBanner shell={shell} />
          <Window key={activeId} />
        </div>
      </div>
    </AppProvider>
  );
}

/** Ctrl+1…9 (Cmd on a Mac) shows the n-th server, and puts the focus on its rail button. */
function useSwitchShortcuts(shell: ShellStore): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey || !/^[1-9]$/.test(event.key)) return;
      const account = shell.getState().accounts[Number(event.key) - 1];
      if (!account) return;
      event.preventDefault();
      void shell.getState().activate(account.id).then(() => {
        document.querySelector<HTMLElement>(`.rail-item[data-account-id="${account.id}"]`)?.focus();
      });
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [shell]);
}

/** What went wrong with the rail itself, and a profile that could not be carried over. */
function ShellBanner(props: { shell: ShellStore }) {
  const t = useT();
  const migrationFailed = useStore(props.shell, (s) => s.migrationFailed);
  const problem = useStore(props.shell, (s) => s.problem);
  const [dismissedMigration, setDismissedMigration] = useState(false);
  if (problem) {
    return (
      <div className="banner banner-problem" role="alert">
        <span>{errorText(t, problem)}</span>
        <button type="button" onClick={() => props.shell.getState().dismissProblem()}>
          {t('app.close')}
        </button>
      </div>
    );
  }
  if (!migrationFailed || dismissedMigration) return null;
  return (
    <div className="banner banner-problem" role="alert">
      <span>{t('rail.migrationFailed')}</span>
      <button type="button" onClick={() => setDismissedMigration(true)}>
        {t('app.close')}
      </button>
    </div>
  );
}
