// @vitest-environment jsdom
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { RoomList } from '../../src/renderer/src/features/rooms/RoomList.js';
import { SettingsScreen } from '../../src/renderer/src/features/settings/SettingsScreen.js';
import { APP_EVENT, domAppEvents } from '../../src/renderer/src/store/app-events.js';
import { ALICE_FP, BOB_FP, BOB_NEW_FP, channelRoom, createFakeApi, defaultSettings, dmRoom, onlineSession, otrView } from './fake-api.js';
import { isDisabled, renderWithStore } from './render.js';

afterEach(cleanup);

describe('room list', () => {
  it('lists DMs and channels with unread counts and presence in words', () => {
    renderWithStore(<RoomList />, {
      rooms: [dmRoom({ unread: 3 }), channelRoom()],
      otr: { 'dm-bob': otrView({ phase: 'private' }) },
    });
    const bob = screen.getByRole('button', { name: 'bob' });
    const details = document.getElementById(bob.getAttribute('aria-describedby') ?? '')?.textContent ?? '';
    expect(details).toContain('Online');
    expect(details).toContain('3 unread');
    expect(details).toContain('encrypted chat active');
    expect(screen.getByRole('region', { name: 'Channels' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'general' })).toBeTruthy();
  });

  it('tags a Rocket.Chat OTR chat as such, and as unverifiable', () => {
    renderWithStore(<RoomList />, { rooms: [dmRoom()], otr: { 'dm-bob': otrView({ phase: 'private', protocol: 'rocketchat' }) } });
    const bob = screen.getByRole('button', { name: 'bob' });
    const details = document.getElementById(bob.getAttribute('aria-describedby') ?? '')?.textContent ?? '';
    expect(details).toContain('Rocket.Chat OTR chat active, cannot be verified');
    expect(details).not.toContain('encrypted chat active');
  });

  it('starts a DM with someone found by search', async () => {
    const fake = createFakeApi();
    fake.respond('users.search', [{ id: 'u-carol', username: 'carol', name: 'Carol', presence: 'away' }]);
    fake.respond('rooms.startDirect', dmRoom({ id: 'dm-carol', name: 'carol', displayName: 'carol' }));
    const { store } = renderWithStore(<RoomList />, {}, fake);
    await userEvent.type(screen.getByRole('searchbox', { name: 'Find people' }), 'car');
    await userEvent.click(await screen.findByRole('button', { name: 'Start a chat with carol' }));
    expect(fake.calls['users.search']).toHaveBeenCalledWith('car');
    expect(fake.calls['rooms.startDirect']).toHaveBeenCalledWith('carol');
    expect(store.getState().activeRoomId).toBe('dm-carol');
  });
});

describe('settings', () => {
  it('saves the user\'s language, notifications and tray, and this server\'s timeout and Rocket.Chat OTR', async () => {
    const fake = createFakeApi();
    fake.respond('settings.set', { language: 'nl', notifications: false, closeToTray: false });
    fake.respond('accountSettings.set', { otrRequestTimeoutSec: 90, nativeOtr: false });
    renderWithStore(<SettingsScreen />, { screen: 'settings' }, fake);
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Language' }), 'nl');
    // The server's own settings sit in a group that names the server.
    const server = await screen.findByRole('group', { name: 'For 127.0.0.1:3000 only' });
    const timeout = within(server).getByRole('spinbutton', { name: /seconds/ });
    await userEvent.clear(timeout);
    await userEvent.type(timeout, '90');
    const native = within(server).getByRole('checkbox', { name: 'Rocket.Chat OTR with official apps' });
    expect((native as HTMLInputElement).checked).toBe(true);
    expect(native.getAttribute('aria-describedby')).toBeTruthy();
    await userEvent.click(native);
    await userEvent.click(screen.getByRole('checkbox', { name: 'Show notifications' }));
    await userEvent.click(screen.getByRole('checkbox', { name: 'Keep running in the tray when the window is closed' }));
    await userEvent.click(screen.getByRole('button', { name: 'Save settings' }));
    expect(fake.calls['settings.set']).toHaveBeenCalledWith({ language: 'nl', notifications: false, closeToTray: false });
    expect(fake.calls['accountSettings.set']).toHaveBeenCalledWith({ otrRequestTimeoutSec: 90, nativeOtr: false });
    // The screen now speaks Dutch.
    expect(await screen.findByRole('heading', { name: 'Instellingen' })).toBeTruthy();
  });

  it('offers the tray only where there is one (not in the browser host)', async () => {
    const fake = createFakeApi();
    (fake.api as { features: { tray: boolean } }).features = { tray: false };
    renderWithStore(<SettingsScreen />, { screen: 'settings' }, fake);
    expect(await screen.findByRole('checkbox', { name: 'Show notifications' })).toBeTruthy();
    expect(screen.queryByRole('checkbox', { name: 'Keep running in the tray when the window is closed' })).toBeNull();
  });

  it('shows the settings of the server on screen, named, and saves them to that server only', async () => {
    const fake = createFakeApi();
    fake.respond('accountSettings.set', { otrRequestTimeoutSec: 120, nativeOtr: false });
    renderWithStore(
      <SettingsScreen />,
      { screen: 'settings', session: { ...onlineSession, serverUrl: 'https://chat.acme.org' }, accountSettings: { otrRequestTimeoutSec: 120, nativeOtr: false } },
      fake,
    );
    const server = await screen.findByRole('group', { name: 'For chat.acme.org only' });
    expect(within(server).getByRole('spinbutton', { name: /seconds/ })).toHaveProperty('value', '120');
    expect(within(server).getByRole('checkbox', { name: 'Rocket.Chat OTR with official apps' })).toHaveProperty('checked', false);
    await userEvent.click(screen.getByRole('button', { name: 'Save settings' }));
    expect(fake.calls['accountSettings.set']).toHaveBeenCalledWith({ otrRequestTimeoutSec: 120, nativeOtr: false });
    expect(fake.calls['settings.set']).toHaveBeenCalledWith(defaultSettings);
  });

  it('shows the own fingerprint without a session, and known fingerprints of all peers', async () => {
    const fake = createFakeApi();
    fake.respond('otr.knownFingerprints', [
      { userId: 'u-bob', username: 'bob', fingerprint: BOB_FP, verified: true, firstSeenAt: 1, inUse: false },
    ]);
    renderWithStore(<SettingsScreen />, { screen: 'settings', otr: {}, settings: defaultSettings }, fake);
    const own = await screen.findByRole('region', { name: 'Your fingerprint' });
    expect(own.textContent).toContain(ALICE_FP.slice(0, 8));
    const list = await screen.findByRole('list');
    expect(within(list).getByText('bob')).toBeTruthy();
    const forget = screen.getByRole('button', { name: 'Forget fingerprint of bob' });
    expect(isDisabled(forget)).toBe(false);
    await userEvent.click(forget);
    expect(fake.calls['otr.forgetFingerprint']).toHaveBeenCalledWith('u-bob', BOB_FP);
  });

  it('names the people of known fingerprints by display name, with the username beside it', async () => {
    const fake = createFakeApi();
    fake.respond('otr.knownFingerprints', [
      { userId: 'u-bob', username: 'bob', fingerprint: BOB_FP, verified: true, firstSeenAt: 1, inUse: false },
      { userId: 'u-dave', username: 'dave', fingerprint: BOB_NEW_FP, verified: false, firstSeenAt: 2, inUse: false },
    ]);
    const rooms = [dmRoom({ peer: { id: 'u-bob', username: 'bob', name: 'Bob Builder', presence: 'online' } })];
    renderWithStore(<SettingsScreen />, { screen: 'settings', otr: {}, settings: defaultSettings, rooms }, fake);
    const list = await screen.findByRole('list');
    const names = Array.from(list.querySelectorAll('.known-name')).map((n) => n.textContent);
    // dave has no DM in the list, so his display name is unknown here: his username stands alone.
    expect(names).toEqual(['Bob Builder @bob', 'dave']);
    expect(screen.getByRole('button', { name: 'Forget fingerprint of Bob Builder' })).toBeTruthy();
  });

  it('says the key cannot be read, not that it will be created, when it is damaged', async () => {
    const fake = createFakeApi();
    fake.respond('otr.ownFingerprint', null);
    fake.respond('otr.problems', [{ code: 'otr-key-unreadable' }]);
    renderWithStore(<SettingsScreen />, { screen: 'settings', otr: {}, settings: defaultSettings }, fake);
    await waitFor(() => expect(screen.getAllByRole('status').some((s) => /cannot be read/.test(s.textContent ?? ''))).toBe(true));
    expect(screen.queryByText('Your key is created the first time you start an encrypted chat.')).toBeNull();
  });

  it('logs out', async () => {
    const { fake } = renderWithStore(<SettingsScreen />, { screen: 'settings' });
    await userEvent.click(screen.getByRole('button', { name: 'Log out' }));
    expect(fake.calls['auth.logout']).toHaveBeenCalled();
  });
});

describe('app events for end-to-end tests', () => {
  it('are dispatched on window as otrdesk:event with name and detail', () => {
    const seen: unknown[] = [];
    const listener = (event: Event) => seen.push((event as CustomEvent).detail);
    window.addEventListener(APP_EVENT, listener);
    domAppEvents('otr.changed', { roomId: 'dm-bob', phase: 'private' });
    window.removeEventListener(APP_EVENT, listener);
    expect(seen).toEqual([{ name: 'otr.changed', detail: { roomId: 'dm-bob', phase: 'private' } }]);
  });
});
