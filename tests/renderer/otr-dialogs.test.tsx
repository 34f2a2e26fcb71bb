// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ChatView } from '../../src/renderer/src/features/chat/ChatView.js';
import { OtrDialogs } from '../../src/renderer/src/features/otr-ui/OtrDialogs.js';
import { RoomList } from '../../src/renderer/src/features/rooms/RoomList.js';
import { BOB_FP, BOB_NEW_FP, otrView } from './fake-api.js';
import { isDisabled, renderWithStore } from './render.js';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

function renderRoom(view: ReturnType<typeof otrView>) {
  return renderWithStore(
    <>
      <ChatView />
      <OtrDialogs />
    </>,
    { otr: { 'dm-bob': view } },
  );
}

describe('incoming request', () => {
  it('asks in words and accepts with Yes', async () => {
    const { fake } = renderRoom(otrView({ phase: 'incoming' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Encrypted chat' });
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    expect(within(dialog).getByText('bob wants to start an encrypted chat. Accept?')).toBeTruthy();
    fake.respond('otr.accept', otrView({ phase: 'handshaking' }));
    await userEvent.click(within(dialog).getByRole('button', { name: 'Yes' }));
    expect(fake.calls['otr.accept']).toHaveBeenCalledWith('dm-bob');
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(screen.getByText('Starting encryption…')).toBeTruthy();
  });

  it('declines with No', async () => {
    const { fake } = renderRoom(otrView({ phase: 'incoming' }));
    await userEvent.click(screen.getByRole('button', { name: 'No' }));
    expect(fake.calls['otr.decline']).toHaveBeenCalledWith('dm-bob');
    expect(fake.calls['otr.accept']).not.toHaveBeenCalled();
  });

  it('keeps keyboard focus inside the dialog', async () => {
    renderRoom(otrView({ phase: 'incoming' }));
    const yes = screen.getByRole('button', { name: 'Yes' });
    expect(document.activeElement).toBe(yes);
    await userEvent.tab();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'No' }));
    await userEvent.tab();
    expect(document.activeElement).toBe(yes);
  });
});

describe('waiting for the peer', () => {
  it('counts down to expiresAt and cancels, from a strip under the header that blocks nothing', () => {
    vi.useFakeTimers({ toFake: ['Date', 'setInterval', 'clearInterval'] });
    vi.setSystemTime(new Date('2025-01-15T10:00:00Z'));
    const { fake } = renderRoom(otrView({ phase: 'requesting', expiresAt: Date.now() + 30_000 }));
    expect(screen.queryByRole('dialog')).toBeNull();
    const strip = screen.getByRole('region', { name: 'Waiting for bob' });
    expect(within(strip).getByText('30 s left')).toBeTruthy();
    void act(() => {
      vi.advanceTimersByTime(12_000);
    });
    expect(within(strip).getByText('18 s left')).toBeTruthy();
    fireEvent.click(within(strip).getByRole('button', { name: 'Cancel' }));
    expect(fake.calls['otr.cancel']).toHaveBeenCalledWith('dm-bob');
  });

  it('cancels with Escape', async () => {
    const { fake } = renderRoom(otrView({ phase: 'requesting', expiresAt: Date.now() + 30_000 }));
    await userEvent.keyboard('{Escape}');
    expect(fake.calls['otr.cancel']).toHaveBeenCalledWith('dm-bob');
  });

  it('leaves the rest of the window usable: no modal, the room list says the request waits', () => {
    renderWithStore(
      <>
        <RoomList />
        <ChatView />
        <OtrDialogs />
      </>,
      { otr: { 'dm-bob': otrView({ phase: 'requesting', expiresAt: Date.now() + 30_000 }) } },
    );
    expect(document.querySelector('[aria-modal="true"]')).toBeNull();
    expect(screen.getByRole('button', { name: 'bob' }).textContent).toContain('waiting for an answer to your request');
  });

  it.each([
    ['declined', 'declined your request'],
    ['timed-out', 'did not answer your request'],
  ] as const)('the room list says how the request ended (%s), for a user reading another room', (phase, words) => {
    renderWithStore(<RoomList />, { otr: { 'dm-bob': otrView({ phase }) }, activeRoomId: null });
    expect(screen.getByRole('button', { name: 'bob' }).textContent).toContain(words);
  });
});

describe.each([
  ['declined', 'Request declined', 'bob declined the encrypted chat.'],
  ['timed-out', 'No answer', 'bob did not answer in time. Ask again when they are online.'],
] as const)('%s', (phase, title, body) => {
  it('offers Retry, which starts again', async () => {
    const { fake } = renderRoom(otrView({ phase }));
    const dialog = screen.getByRole('dialog', { name: title });
    expect(within(dialog).getByText(body)).toBeTruthy();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Retry' }));
    expect(fake.calls['otr.start']).toHaveBeenCalledWith('dm-bob');
  });

  it('closes back to idle', async () => {
    const { fake } = renderRoom(otrView({ phase }));
    await userEvent.click(screen.getByRole('button', { name: 'Close' }));
    expect(fake.calls['otr.dismiss']).toHaveBeenCalledWith('dm-bob');
    expect(screen.queryByRole('dialog')).toBeNull();
  });
});

describe('error', () => {
  it('says what went wrong in words and offers Retry', async () => {
    const { fake } = renderRoom(otrView({ phase: 'error', error: { code: 'otr-protocol' } }));
    const dialog = screen.getByRole('dialog', { name: 'Encrypted chat failed' });
    expect(within(dialog).getByText('The encryption could not be set up. Try again.')).toBeTruthy();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Retry' }));
    expect(fake.calls['otr.start']).toHaveBeenCalledWith('dm-bob');
  });
});

describe('peer ended the session', () => {
  it('blocks the composer until the user confirms', async () => {
    const { fake } = renderRoom(otrView({ phase: 'ended-by-peer' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Encrypted chat ended' });
    const composer = screen.getByRole('textbox', { name: 'Message to bob' });
    expect(isDisabled(composer)).toBe(true);
    expect(screen.getByText('bob ended the encrypted chat. Confirm it before you write again.')).toBeTruthy();
    await userEvent.keyboard('{Escape}');
    expect(screen.getByRole('alertdialog')).toBeTruthy();
    fake.respond('otr.confirmEnded', otrView({ phase: 'idle' }));
    await userEvent.click(within(dialog).getByRole('button', { name: 'OK, end here too' }));
    expect(fake.calls['otr.confirmEnded']).toHaveBeenCalledWith('dm-bob');
    expect(isDisabled(screen.getByRole('textbox', { name: 'Message to bob' }))).toBe(false);
    expect(screen.getByText('Not private')).toBeTruthy();
  });
});

describe('key changed', () => {
  const changed = otrView({ phase: 'key-changed', previousFingerprint: BOB_FP, peerFingerprint: BOB_NEW_FP });

  it('shows both fingerprints and accepts exactly the new one shown', async () => {
    const { fake } = renderRoom(changed);
    const dialog = screen.getByRole('alertdialog', { name: "bob's security key changed" });
    expect(within(dialog).getByText('FEDCBA98 76543210 FEDCBA98 76543210 FEDCBA98')).toBeTruthy();
    expect(within(dialog).getByText('01234567 89ABCDEF 01234567 89ABCDEF 01234567')).toBeTruthy();
    expect(isDisabled(screen.getByRole('textbox', { name: 'Message to bob' }))).toBe(true);
    await userEvent.click(within(dialog).getByRole('button', { name: 'Accept new key' }));
    expect(fake.calls['otr.acceptNewKey']).toHaveBeenCalledWith('dm-bob', BOB_NEW_FP);
  });

  it('opens the fingerprint screen with Verify', async () => {
    const { fake } = renderRoom(changed);
    fake.respond('otr.fingerprints', { own: BOB_FP, peer: BOB_NEW_FP, verified: false, known: [] });
    await userEvent.click(screen.getByRole('button', { name: 'Verify' }));
    expect(await screen.findByRole('dialog', { name: 'Verify bob' })).toBeTruthy();
    // Verify is loaded when first used: its effect asks for the fingerprints a moment after the dialog shows.
    await vi.waitFor(() => expect(fake.calls['otr.fingerprints']).toHaveBeenCalledWith('dm-bob'));
  });
});

describe('header state', () => {
  it.each([
    [otrView({ phase: 'idle' }), 'Not private'],
    [otrView({ phase: 'private', verified: false }), 'Private, not verified'],
    [otrView({ phase: 'private', verified: true }), 'Private, verified'],
    // Rocket.Chat's own OTR is never shown as verified, whatever the flag says.
    [otrView({ phase: 'private', verified: true, protocol: 'rocketchat' }), 'Private (Rocket.Chat OTR) — cannot be verified'],
  ])('reads %#', (view, words) => {
    renderRoom(view);
    expect(screen.getByTestId('otr-status').textContent).toBe(words);
    expect(screen.getByTestId('otr-status').querySelector('svg')).not.toBeNull();
  });
});
