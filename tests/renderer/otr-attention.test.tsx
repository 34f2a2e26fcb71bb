// @vitest-environment jsdom
// What another chat's OTR state asks reaches the user wherever they are: another room, Settings, a Verify screen.
import { act, cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { OtrDialogs } from '../../src/renderer/src/features/otr-ui/OtrDialogs.js';
import type { AppData } from '../../src/renderer/src/store/app-store.js';
import { channelRoom, dmRoom, otrView } from './fake-api.js';
import { renderWithStore } from './render.js';

afterEach(cleanup);

const carol = dmRoom({ id: 'dm-carol', name: 'carol', displayName: 'Carol', peer: { id: 'u-carol', username: 'carol', name: 'Carol' } });

function renderElsewhere(state: Partial<AppData>) {
  return renderWithStore(<OtrDialogs />, { rooms: [dmRoom(), carol, channelRoom()], activeRoomId: 'ch-general', ...state });
}

describe('a request in another chat', () => {
  it('names the chat and opens it, where the real Yes / No is asked', async () => {
    const { store, fake } = renderElsewhere({ otr: { 'dm-carol': otrView({ roomId: 'dm-carol', phase: 'incoming', expiresAt: Date.now() + 60_000 }) } });
    const dialog = screen.getByRole('alertdialog', { name: 'Chat with Carol' });
    expect(within(dialog).getByText('Carol wants to start an encrypted chat.')).toBeTruthy();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Open chat' }));
    expect(store.getState().activeRoomId).toBe('dm-carol');
    expect(fake.calls['rooms.open']).toHaveBeenCalledWith('dm-carol');
    expect(screen.getByRole('alertdialog', { name: 'Encrypted chat' })).toBeTruthy();
    expect(screen.queryByRole('alertdialog', { name: 'Chat with Carol' })).toBeNull();
  });

  it('reaches the user in Settings too', () => {
    renderElsewhere({ screen: 'settings', activeRoomId: 'dm-carol', otr: { 'dm-carol': otrView({ roomId: 'dm-carol', phase: 'incoming', expiresAt: 1 }) } });
    expect(screen.getByRole('alertdialog', { name: 'Chat with Carol' })).toBeTruthy();
  });

  it("reaches the user on the Verify screen of another chat, above it", () => {
    renderElsewhere({
      activeRoomId: 'dm-bob',
      fingerprintRoomId: 'dm-bob',
      otr: { 'dm-bob': otrView({ phase: 'private' }), 'dm-carol': otrView({ roomId: 'dm-carol', phase: 'key-changed' }) },
    });
    expect(screen.getByRole('alertdialog', { name: 'Chat with Carol' })).toBeTruthy();
    expect(screen.getByText("Carol's security key changed.")).toBeTruthy();
  });

  it('Later puts this request off; the next one asks again', async () => {
    const { store } = renderElsewhere({ otr: { 'dm-carol': otrView({ roomId: 'dm-carol', phase: 'incoming', expiresAt: 1000 }) } });
    await userEvent.click(screen.getByRole('button', { name: 'Later' }));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(store.getState().activeRoomId).toBe('ch-general');
    act(() => store.setState({ otr: { 'dm-carol': otrView({ roomId: 'dm-carol', phase: 'incoming', expiresAt: 2000 }) } }));
    expect(screen.getByRole('alertdialog', { name: 'Chat with Carol' })).toBeTruthy();
  });

  it('tells of the peer ending the chat and of an SMP question; a private chat with nothing asked stays quiet', () => {
    renderElsewhere({
      otr: {
        'dm-bob': otrView({ phase: 'private' }),
        'dm-carol': otrView({ roomId: 'dm-carol', phase: 'ended-by-peer' }),
      },
    });
    expect(screen.getByText('Carol ended the encrypted chat.')).toBeTruthy();
    cleanup();
    renderElsewhere({
      otr: { 'dm-carol': otrView({ roomId: 'dm-carol', phase: 'private', smp: { phase: 'asked', startedBy: 'peer' } }) },
    });
    expect(screen.getByText('Carol wants to check your identity.')).toBeTruthy();
  });

  it("does not cover the open room's own dialog", () => {
    renderElsewhere({
      activeRoomId: 'dm-bob',
      otr: { 'dm-bob': otrView({ phase: 'incoming', expiresAt: 1 }), 'dm-carol': otrView({ roomId: 'dm-carol', phase: 'incoming', expiresAt: 1 }) },
    });
    expect(screen.getAllByRole('alertdialog')).toHaveLength(1);
    expect(screen.getByRole('alertdialog', { name: 'Encrypted chat' })).toBeTruthy();
  });
});
