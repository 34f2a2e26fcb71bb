// The server rail (as in Rocket.Chat's desktop app): one button per server with its initials, unread count and a
// mark when it is not connected; add a server; move or remove the one on screen. Ctrl/Cmd+1…9 lives in Shell.
import { useState } from 'react';
import { useStore } from 'zustand';
import type { AccountSummary } from '../../../contract/accounts.js';
import type { Translate } from '../i18n/index.js';
import { useT } from '../store/context.js';
import { Menu } from '../ui/Menu.js';
import { MoreIcon } from '../ui/icons.js';
import { RemoveServerDialog } from './RemoveServerDialog.js';
import { serverInitials, serverName } from './server-label.js';
import type { ShellStore } from './shell-store.js';

/** Cmd on a Mac, Ctrl elsewhere: the modifier of the switch shortcut. */
export const SHORTCUT_MODIFIER = /mac/i.test(globalThis.navigator?.platform ?? '') ? '⌘' : 'Ctrl';

const isDisconnected = (account: AccountSummary) => account.connection === 'reconnecting' || account.connection === 'offline';

/** Everything a sighted user reads off the icon, in words: the server, its unread count, its state. */
export function railItemLabel(t: Translate, account: AccountSummary): string {
  const parts = [serverName(account) ?? t('rail.newServer')];
  if (account.unread > 0) parts.push(t('rail.unread', { count: account.unread }));
  if (isDisconnected(account)) parts.push(t('rail.disconnected'));
  else if (account.connection === 'signed-out' && account.serverUrl) parts.push(t('rail.signedOut'));
  return parts.join(', ');
}

export function ServerRail(props: { shell: ShellStore }) {
  const t = useT();
  const accounts = useStore(props.shell, (s) => s.accounts);
  const activeId = useStore(props.shell, (s) => s.activeId);
  const { activate, add, move, remove } = props.shell.getState();
  const [removing, setRemoving] = useState<AccountSummary | null>(null);
  const index = accounts.findIndex((a) => a.id === activeId);
  const active = accounts[index];
  const activeName = active ? (serverName(active) ?? t('rail.newServer')) : '';

  return (
    <nav className="server-rail" aria-label={t('rail.label')}>
      <ul className="rail-list">
        {accounts.map((account, i) => {
          const label = railItemLabel(t, account);
          const shortcut = i < 9 ? t('rail.shortcut', { mod: SHORTCUT_MODIFIER, n: i + 1 }) : undefined;
          return (
            <li key={account.id}>
              <button
                type="button"
                className="rail-item"
                data-account-id={account.id}
                aria-label={label}
                aria-current={account.id === activeId ? 'true' : undefined}
                aria-keyshortcuts={shortcut && (SHORTCUT_MODIFIER === '⌘' ? `Meta+${i + 1}` : `Control+${i + 1}`)}
                title={shortcut ? `${label} (${shortcut})` : label}
                onClick={() => void activate(account.id)}
              >
                <span className="rail-initials" aria-hidden="true">
                  {serverInitials(account)}
                </span>
                {account.unread > 0 && (
                  <span className="rail-badge" aria-hidden="true">
                    {account.unread > 99 ? '99+' : account.unread}
                  </span>
                )}
                {isDisconnected(account) && <span className="rail-offline" aria-hidden="true" />}
              </button>
            </li>
          );
        })}
      </ul>
      <button type="button" className="rail-add" aria-label={t('rail.add')} title={t('rail.add')} onClick={() => void add()}>
        <span aria-hidden="true">+</span>
      </button>
      {active && (
        <div className="rail-options">
          <Menu
            label={t('rail.options', { server: activeName })}
            icon={<MoreIcon />}
            items={[
              { id: 'up', label: t('rail.moveUp'), disabled: index <= 0, onSelect: () => void move(active.id, -1) },
              { id: 'down', label: t('rail.moveDown'), disabled: index >= accounts.length - 1, onSelect: () => void move(active.id, 1) },
              { id: 'remove', label: t('rail.remove'), onSelect: () => setRemoving(active) },
            ]}
          />
        </div>
      )}
      {removing && (
        <RemoveServerDialog
          server={serverName(removing) ?? t('rail.newServer')}
          onCancel={() => setRemoving(null)}
          onConfirm={() => {
            setRemoving(null);
            void remove(removing.id);
          }}
        />
      )}
    </nav>
  );
}
