// @vitest-environment jsdom
// The messenger, Settings, Verify and the SMP answer are loaded on first use (ui/lazy-feature.tsx): through the
// window as a user meets them, each still opens and works once its code has arrived.
import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { Window } from '../../src/renderer/src/App.js';
import { ALICE_FP, BOB_FP, createFakeApi, otrView } from './fake-api.js';
import { renderWithStore } from './render.js';

afterEach(cleanup);

// The first import of a split-off module compiles it: on a loaded machine that takes longer than findBy's 1 s.
const LOADED = { timeout: 15_000 };

describe('parts of the window loaded on first use', () => {
  it('shows the room list and the open chat once signed in, and Settings from the gear', async () => {
    const fake = createFakeApi();
    fake.respond('otr.fingerprints', { own: ALICE_FP, peer: BOB_FP, verified: false, known: [] });
    renderWithStore(<Window />, {}, fake);
    const rooms = await screen.findByRole('navigation', { name: 'Conversations' }, LOADED);
    expect(await screen.findByRole('heading', { name: 'bob' }, LOADED)).toBeTruthy();
    await userEvent.click(within(rooms).getByRole('button', { name: 'Settings' }));
    const settings = await screen.findByRole('main', { name: 'Settings' }, LOADED);
    expect(within(settings).getByRole('combobox', { name: 'Language' })).toBeTruthy();
    await userEvent.click(within(settings).getByRole('button', { name: 'Back to conversations' }));
    expect(await screen.findByRole('heading', { name: 'bob' }, LOADED)).toBeTruthy();
  });

  it('opens Verify of the chat on screen with the QR code, and the answer dialog of a check the peer started', async () => {
    const fake = createFakeApi();
    fake.respond('otr.fingerprints', { own: ALICE_FP, peer: BOB_FP, verified: false, known: [] });
    const { store } = renderWithStore(<Window />, { otr: { 'dm-bob': otrView({ phase: 'private', peerFingerprint: BOB_FP }) } }, fake);
    store.setState({ fingerprintRoomId: 'dm-bob' });
    const verify = await screen.findByRole('dialog', { name: 'Verify bob' }, LOADED);
    expect(await within(verify).findByRole('img', { name: "QR code of bob's fingerprint" }, LOADED)).toBeTruthy();
    store.setState({ fingerprintRoomId: null, otr: { 'dm-bob': otrView({ phase: 'private', smp: { phase: 'asked', startedBy: 'peer' } }) } });
    expect(await screen.findByRole('dialog', { name: 'bob wants to check your identity' }, LOADED)).toBeTruthy();
  });
});
