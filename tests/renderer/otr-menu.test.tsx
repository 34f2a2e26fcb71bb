// @vitest-environment jsdom
import { cleanup, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { ChatView } from '../../src/renderer/src/features/chat/ChatView.js';
import { OtrDialogs } from '../../src/renderer/src/features/otr-ui/OtrDialogs.js';
import { channelRoom, dmRoom, otrView } from './fake-api.js';
import { renderWithStore } from './render.js';

afterEach(cleanup);

function renderRoom(roomId: string, view = otrView()) {
  return renderWithStore(
    <>
      <ChatView />
      <OtrDialogs />
    </>,
    { rooms: [dmRoom(), channelRoom()], activeRoomId: roomId, otr: { 'dm-bob': view } },
  );
}

const menuButton = () => screen.getByRole('button', { name: 'Conversation options' });

describe('the ⋮ menu', () => {
  it('is a menu button that opens with the keyboard and moves with the arrows', async () => {
    renderRoom('dm-bob', otrView({ phase: 'private' }));
    expect(menuButton().getAttribute('aria-haspopup')).toBe('menu');
    menuButton().focus();
    await userEvent.keyboard('{Enter}');
    expect(menuButton().getAttribute('aria-expanded')).toBe('true');
    const items = screen.getAllByRole('menuitem').map((item) => item.getAttribute('aria-label'));
    expect(items).toEqual(['End OTR', 'Verify', 'Refresh keys']);
    expect(document.activeElement).toBe(screen.getByRole('menuitem', { name: 'End OTR' }));
    await userEvent.keyboard('{ArrowDown}');
    expect(document.activeElement).toBe(screen.getByRole('menuitem', { name: 'Verify' }));
    await userEvent.keyboard('{ArrowUp}{ArrowUp}');
    expect(document.activeElement).toBe(screen.getByRole('menuitem', { name: 'Refresh keys' }));
    await userEvent.keyboard('{Escape}');
    expect(screen.queryByRole('menu')).toBeNull();
    expect(document.activeElement).toBe(menuButton());
  });

  it('starts an encrypted chat from "OTR" in a direct message', async () => {
    const { fake } = renderRoom('dm-bob');
    fake.respond('otr.start', otrView({ phase: 'requesting', expiresAt: Date.now() + 60_000 }));
    await userEvent.click(menuButton());
    const start = screen.getByRole('menuitem', { name: 'OTR' });
    expect(start.getAttribute('aria-disabled')).toBeNull();
    expect(screen.getByText('Start an encrypted chat')).toBeTruthy();
    await userEvent.click(start);
    expect(fake.calls['otr.start']).toHaveBeenCalledWith('dm-bob');
    expect(await screen.findByRole('region', { name: 'Waiting for bob' })).toBeTruthy();
  });

  it('shows "OTR" disabled with the reason in a channel', async () => {
    const { fake } = renderRoom('ch-general');
    await userEvent.click(menuButton());
    const start = screen.getByRole('menuitem', { name: 'OTR' });
    expect(start.getAttribute('aria-disabled')).toBe('true');
    const description = document.getElementById(start.getAttribute('aria-describedby') ?? '');
    expect(description?.textContent).toBe('Only in direct messages');
    await userEvent.click(start);
    expect(fake.calls['otr.start']).not.toHaveBeenCalled();
  });

  it('ends, verifies and refreshes during a session', async () => {
    const { fake, store } = renderRoom('dm-bob', otrView({ phase: 'private' }));
    fake.respond('otr.refresh', otrView({ phase: 'private' }));
    await userEvent.click(menuButton());
    const refresh = screen.getByRole('menuitem', { name: 'Refresh keys' });
    // What it does and when to use it, shown under the label and announced as its description.
    expect(document.getElementById(refresh.getAttribute('aria-describedby') ?? '')?.textContent).toBe(
      'New keys for this encrypted chat, same fingerprints. Use it when messages stop getting through.',
    );
    await userEvent.click(refresh);
    expect(fake.calls['otr.refresh']).toHaveBeenCalledWith('dm-bob');
    await userEvent.click(menuButton());
    await userEvent.click(screen.getByRole('menuitem', { name: 'Verify' }));
    expect(store.getState().fingerprintRoomId).toBe('dm-bob');
    expect(await screen.findByRole('dialog', { name: 'Verify bob' })).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Close' }));
    await userEvent.click(menuButton());
    await userEvent.click(screen.getByRole('menuitem', { name: 'End OTR' }));
    expect(fake.calls['otr.end']).toHaveBeenCalledWith('dm-bob');
  });
});
