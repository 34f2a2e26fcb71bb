// @vitest-environment jsdom
// The shell with two servers: the rail (initials, unread, disconnected mark, in words for screen readers),
// switching by click and Ctrl+1…9, one store per account over that account's api, and removal that says
// exactly what it deletes before it deletes anything.
import { act, cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { AccountsState } from '../../src/contract/accounts.js';
import type { AppApi } from '../../src/contract/api.js';
import { Shell } from '../../src/renderer/src/shell/Shell.js';
import { createShellStore } from '../../src/renderer/src/shell/shell-store.js';
import { createFakeApi, dmRoom, onlineSession } from './fake-api.js';

afterEach(cleanup);

const state: AccountsState = {
  accounts: [
    { id: 'work000001', serverUrl: 'https://chat.acme.example', username: 'alice', unread: 3, connection: 'online' },
    { id: 'home000001', serverUrl: 'http://127.0.0.1:3301', username: 'alice', unread: 0, connection: 'reconnecting' },
  ],
  activeId: 'work000001',
  migrationFailed: false,
};

function setup(initial: AccountsState = state, signedOut: Record<string, boolean> = {}) {
  const app = createFakeApi();
  const work = createFakeApi();
  const home = createFakeApi();
  work.respond('rooms.list', [dmRoom({ displayName: 'bob at work' })]);
  home.respond('session.get', { ...onlineSession, serverUrl: 'http://127.0.0.1:3301' });
  home.respond('rooms.list', [dmRoom({ id: 'dm-carol', name: 'carol', displayName: 'carol at home' })]);
  for (const call of ['accounts.list', 'accounts.add', 'accounts.reorder'] as const) app.respond(call, initial);
  const accounts: Record<string, typeof work> = { work000001: work, home000001: home };
  for (const id of Object.keys(signedOut)) {
    const fresh = createFakeApi();
    fresh.respond('session.get', { connection: { kind: 'signed-out' } });
    accounts[id] = fresh;
  }
  const api = {
    accounts: (app.api as unknown as AppApi).accounts,
    settings: app.api.settings,
    shell: app.api.shell,
    on: app.api.on,
    account: (id: string) => accounts[id]!.api,
  } as unknown as AppApi;
  const shell = createShellStore(api, () => undefined);
  render(<Shell api={api} shell={shell} />);
  return { app, work, home, shell };
}

describe('server rail', () => {
  it('shows each server with its initials, unread count and a disconnected mark, all in words too', async () => {
    setup();
    const rail = await screen.findByRole('navigation', { name: 'Servers' });
    const work = within(rail).getByRole('button', { name: 'chat.acme.example, 3 unread' });
    expect(work.textContent).toBe('AC3');
    expect(work.getAttribute('aria-current')).toBe('true');
    expect(work.getAttribute('aria-keyshortcuts')).toBe('Control+1');
    const home = within(rail).getByRole('button', { name: '127.0.0.1:3301, not connected' });
    expect(home.querySelector('.rail-offline')).not.toBeNull();
    expect(home.getAttribute('aria-current')).toBeNull();
  });

  it('gives every account its own store over its own api, and shows the active one', async () => {
    const { app, work, home } = setup();
    expect(await screen.findByRole('button', { name: /bob at work/ })).toBeTruthy();
    expect(work.calls['session.get']).toHaveBeenCalled();
    expect(home.calls['session.get']).toHaveBeenCalled();
    expect(screen.queryByRole('button', { name: /carol at home/ })).toBeNull();
    app.respond('accounts.activate', { ...state, activeId: 'home000001' });
    await userEvent.click(screen.getByRole('button', { name: /^127\.0\.0\.1:3301/ }));
    expect(app.calls['accounts.activate']).toHaveBeenCalledWith('home000001');
    expect(await screen.findByRole('button', { name: /carol at home/ })).toBeTruthy();
  });

  it('switches with Ctrl+2 and focuses that server', async () => {
    const { app } = setup();
    await screen.findByRole('navigation', { name: 'Servers' });
    app.respond('accounts.activate', { ...state, activeId: 'home000001' });
    await userEvent.keyboard('{Control>}2{/Control}');
    expect(app.calls['accounts.activate']).toHaveBeenCalledWith('home000001');
    await act(() => Promise.resolve());
    expect(document.activeElement?.getAttribute('data-account-id')).toBe('home000001');
    await userEvent.keyboard('{Control>}9{/Control}');
    expect(app.calls['accounts.activate']).toHaveBeenCalledTimes(1);
  });

  it('says what removing a server deletes, and deletes nothing on Cancel', async () => {
    const { app } = setup();
    await userEvent.click(await screen.findByRole('button', { name: 'Options for chat.acme.example' }));
    await userEvent.click(screen.getByRole('menuitem', { name: 'Remove this server…' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Remove chat.acme.example?' });
    expect(dialog.textContent).toContain('for chat.acme.example only: your sign-in, your OTR identity key there and your trust store there');
    expect(dialog.textContent).toContain('Your other servers are not touched');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(app.calls['accounts.remove']).not.toHaveBeenCalled();

    app.respond('accounts.remove', { ...state, accounts: [state.accounts[1]!], activeId: 'home000001' });
    await userEvent.click(screen.getByRole('button', { name: 'Options for chat.acme.example' }));
    await userEvent.click(screen.getByRole('menuitem', { name: 'Remove this server…' }));
    await userEvent.click(screen.getByRole('button', { name: 'Remove server' }));
    expect(app.calls['accounts.remove']).toHaveBeenCalledWith('work000001');
    expect(await screen.findByRole('button', { name: /carol at home/ })).toBeTruthy();
    expect(screen.queryByRole('button', { name: /chat\.acme\.example/ })).toBeNull();
  });

  it('moves the server on screen down the rail, and adds a server', async () => {
    const { app } = setup();
    await userEvent.click(await screen.findByRole('button', { name: 'Options for chat.acme.example' }));
    await userEvent.click(screen.getByRole('menuitem', { name: 'Move down' }));
    expect(app.calls['accounts.reorder']).toHaveBeenCalledWith(['home000001', 'work000001']);
    await userEvent.click(screen.getByRole('button', { name: 'Add a server' }));
    expect(app.calls['accounts.add']).toHaveBeenCalled();
  });

  it('shows no rail on a first start (one server, not signed in yet), as the single-server app did', async () => {
    const blank = { id: 'new0000001', unread: 0, connection: 'signed-out' as const };
    setup({ accounts: [blank], activeId: 'new0000001', migrationFailed: false }, { new0000001: true });
    expect(await screen.findByRole('heading', { name: 'Sign in to Rocket.Chat' })).toBeTruthy();
    expect(screen.queryByRole('navigation', { name: 'Servers' })).toBeNull();
  });

  it('says so when the earlier profile could not be carried over', async () => {
    setup({ ...state, migrationFailed: true });
    expect((await screen.findByRole('alert')).textContent).toContain('Its files are left untouched');
  });
});

describe('shell store', () => {
  it('keeps each account\'s store over a stop and start (as React\'s StrictMode does), listening again', async () => {
    const app = createFakeApi();
    const work = createFakeApi();
    app.respond('accounts.list', { ...state, accounts: [state.accounts[0]!] });
    const api = { accounts: (app.api as unknown as AppApi).accounts, on: app.api.on, account: () => work.api } as unknown as AppApi;
    const shell = createShellStore(api, () => undefined);
    const stop = shell.getState().start();
    await act(() => Promise.resolve());
    const store = shell.getState().storeOf('work000001');
    stop();
    shell.getState().start();
    await act(() => Promise.resolve());
    expect(shell.getState().storeOf('work000001')).toBe(store);
    act(() => work.emit('rooms.changed', [dmRoom({ displayName: 'after restart' })]));
    expect(store.getState().rooms.map((r) => r.displayName)).toEqual(['after restart']);
  });
});
