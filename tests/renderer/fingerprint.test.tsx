// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Fingerprints } from '../../src/contract/calls.js';
import { COPIED_SHOWN_MS } from '../../src/renderer/src/features/otr-ui/FingerprintBlock.js';
import { OtrDialogs } from '../../src/renderer/src/features/otr-ui/OtrDialogs.js';
import { ALICE_FP, BOB_FP, BOB_NEW_FP, createFakeApi, otrView } from './fake-api.js';
import { isDisabled, renderWithStore } from './render.js';

afterEach(cleanup);

function renderScreen(data: Fingerprints, view = otrView({ phase: 'private', peerFingerprint: data.peer })) {
  const fake = createFakeApi();
  fake.respond('otr.fingerprints', data);
  const rendered = renderWithStore(<OtrDialogs />, { otr: { 'dm-bob': view }, fingerprintRoomId: 'dm-bob' }, fake);
  return rendered;
}

const data: Fingerprints = { own: ALICE_FP, peer: BOB_FP, verified: false, known: [] };

describe('fingerprint screen', () => {
  it('explains why a Rocket.Chat OTR chat has no fingerprint, and offers nothing to verify', async () => {
    const { fake } = renderScreen(data, otrView({ phase: 'private', protocol: 'rocketchat' }));
    const dialog = await screen.findByRole('dialog', { name: 'Rocket.Chat OTR cannot be verified' });
    expect(dialog.textContent).toContain('no fingerprint to compare');
    expect(within(dialog).queryByRole('region', { name: "bob's fingerprint" })).toBeNull();
    expect(within(dialog).queryByRole('button', { name: 'Mark as verified' })).toBeNull();
    expect(within(dialog).getAllByRole('button').map((b) => b.textContent)).toEqual(['Close']);
    expect(fake.calls['otr.fingerprints']).not.toHaveBeenCalled();
  });

  it('shows both fingerprints in 5 groups of 8, each with its own labelled QR code, and says what the codes hold', async () => {
    renderScreen(data);
    const dialog = await screen.findByRole('dialog', { name: 'Verify bob' });
    const peerBlock = await within(dialog).findByRole('region', { name: "bob's fingerprint" });
    const groups = Array.from(peerBlock.querySelectorAll('.fingerprint-group')).map((g) => g.textContent);
    expect(groups).toEqual(['01234567', '89ABCDEF', '01234567', '89ABCDEF', '01234567']);
    const qr = await within(peerBlock).findByRole('img', { name: "QR code of bob's fingerprint" });
    expect(qr.getAttribute('src')).toMatch(/^data:image\/svg\+xml/);
    const ownBlock = within(dialog).getByRole('region', { name: 'Your fingerprint' });
    expect(ownBlock.textContent).toContain('A1B2C3D4');
    expect(await within(ownBlock).findByRole('img', { name: 'QR code of your fingerprint' })).toBeTruthy();
    expect(within(dialog).getByText(/Each QR code holds the fingerprint beside it/)).toBeTruthy();
  });

  it('marks as verified exactly the fingerprint shown, even if main has moved on', async () => {
    const { fake } = renderScreen(data);
    const button = await screen.findByRole('button', { name: 'Mark as verified' });
    // The key changes in main after the screen loaded: the click must still name the one the user saw.
    fake.respond('otr.fingerprints', { ...data, peer: BOB_NEW_FP });
    await userEvent.click(button);
    expect(fake.calls['otr.verify']).toHaveBeenCalledWith('dm-bob', BOB_FP);
  });

  it('clears the verification of the fingerprint shown', async () => {
    const { fake } = renderScreen({ ...data, verified: true });
    expect(await screen.findByText('Verified')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Clear verification' }));
    expect(fake.calls['otr.unverify']).toHaveBeenCalledWith('dm-bob', BOB_FP);
  });

  it('copies a fingerprint in its groups', async () => {
    const user = userEvent.setup();
    renderScreen(data);
    await user.click(await screen.findByRole('button', { name: "Copy bob's fingerprint" }));
    expect(await navigator.clipboard.readText()).toBe('01234567 89ABCDEF 01234567 89ABCDEF 01234567');
    expect(screen.getByText('Copied')).toBeTruthy();
  });

  it('"Copied" goes away again after a moment', async () => {
    userEvent.setup(); // installs the clipboard stub
    renderScreen(data);
    const copy = await screen.findByRole('button', { name: "Copy bob's fingerprint" });
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      fireEvent.click(copy);
      await act(async () => {
        await Promise.resolve();
      });
      expect(screen.getByText('Copied')).toBeTruthy();
      act(() => {
        vi.advanceTimersByTime(COPIED_SHOWN_MS);
      });
      expect(screen.queryByText('Copied')).toBeNull();
    } finally {
      vi.useRealTimers();
    }
  });

  it('starts a question-and-answer check with the typed secret', async () => {
    const { fake } = renderScreen(data);
    await userEvent.type(await screen.findByRole('textbox', { name: 'Question' }), 'Where did we meet?');
    await userEvent.type(screen.getByRole('textbox', { name: 'Answer' }), 'Utrecht');
    fake.respond('otr.smpStart', otrView({ phase: 'private', smp: { phase: 'asked', startedBy: 'me' } }));
    await userEvent.click(screen.getByRole('button', { name: 'Start check' }));
    expect(fake.calls['otr.smpStart']).toHaveBeenCalledWith('dm-bob', { secret: 'Utrecht', question: 'Where did we meet?' });
    expect(await screen.findByText('Waiting for bob to answer…')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Stop check' }));
    expect(fake.calls['otr.smpAbort']).toHaveBeenCalledWith('dm-bob');
  });

  it('keeps the focus in Verify when Start check turns into the next step, so Escape still closes it', async () => {
    const { fake, store } = renderScreen(data);
    await userEvent.type(await screen.findByRole('textbox', { name: 'Question' }), 'Where did we meet?');
    await userEvent.type(screen.getByRole('textbox', { name: 'Answer' }), 'Utrecht');
    fake.respond('otr.smpStart', otrView({ phase: 'private', smp: { phase: 'asked', startedBy: 'me' } }));
    await userEvent.click(screen.getByRole('button', { name: 'Start check' }));
    await screen.findByText('Waiting for bob to answer…');
    act(() => store.setState({ otr: { 'dm-bob': otrView({ phase: 'private', smp: { phase: 'succeeded', startedBy: 'me' } }) } }));
    await screen.findByText('Check succeeded: bob is verified.');
    const dialog = screen.getByRole('dialog', { name: 'Verify bob' });
    expect(document.activeElement).toBe(within(dialog).getByRole('region', { name: 'Check with a secret' }));
    await userEvent.keyboard('{Escape}');
    expect(store.getState().fingerprintRoomId).toBeNull();
  });

  it('starts a shared-secret check without a question', async () => {
    const { fake } = renderScreen(data);
    await userEvent.click(await screen.findByRole('radio', { name: 'Shared secret' }));
    expect(screen.queryByRole('textbox', { name: 'Question' })).toBeNull();
    await userEvent.type(screen.getByRole('textbox', { name: 'Shared secret' }), 'tulip');
    await userEvent.click(screen.getByRole('button', { name: 'Start check' }));
    expect(fake.calls['otr.smpStart']).toHaveBeenCalledWith('dm-bob', { secret: 'tulip' });
  });

  it.each([
    ['succeeded', 'me', 'Check succeeded: bob is verified.'],
    ['failed', 'me', 'Check failed: the answers did not match. Talk to bob another way before trusting this chat.'],
    ['failed', 'peer', 'Check failed: the answers did not match. Talk to bob another way before trusting this chat.'],
    ['aborted', 'peer', 'The check was stopped.'],
  ] as const)('shows the result when the check %s (started by %s)', async (phase, startedBy, words) => {
    renderScreen(data, otrView({ phase: 'private', smp: { phase, startedBy } }));
    expect(await screen.findByText(words)).toBeTruthy();
  });

  it('answers the question the peer asked', async () => {
    const { fake } = renderScreen(data, otrView({ phase: 'private', smp: { phase: 'question', question: 'Our dog?', startedBy: 'peer' } }));
    expect(await screen.findByText('bob asks: Our dog?')).toBeTruthy();
    await userEvent.type(screen.getByRole('textbox', { name: 'Answer' }), 'Rex');
    await userEvent.click(screen.getByRole('button', { name: 'Send answer' }));
    expect(fake.calls['otr.smpAnswer']).toHaveBeenCalledWith('dm-bob', 'Rex');
  });

  it('forgets an old fingerprint but not the one in use', async () => {
    const known = [
      { userId: 'u-bob', username: 'bob', fingerprint: BOB_FP, verified: true, firstSeenAt: 1, inUse: true },
      { userId: 'u-bob', username: 'bob', fingerprint: BOB_NEW_FP, verified: false, firstSeenAt: 2, inUse: false },
    ];
    const { fake } = renderScreen({ ...data, known });
    const forget = await screen.findAllByRole('button', { name: 'Forget fingerprint of bob' });
    expect(forget.map(isDisabled)).toEqual([true, false]);
    await userEvent.click(forget[1]!);
    expect(fake.calls['otr.forgetFingerprint']).toHaveBeenCalledWith('u-bob', BOB_NEW_FP);
  });
});

describe('peer asks to check identity', () => {
  it('opens an answer dialog over the chat', async () => {
    const { fake } = renderWithStore(<OtrDialogs />, {
      otr: { 'dm-bob': otrView({ phase: 'private', smp: { phase: 'asked', startedBy: 'peer' } }) },
    });
    const dialog = await screen.findByRole('dialog', { name: 'bob wants to check your identity' });
    await userEvent.type(within(dialog).getByRole('textbox', { name: 'Shared secret' }), 'tulip');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Send answer' }));
    expect(fake.calls['otr.smpAnswer']).toHaveBeenCalledWith('dm-bob', 'tulip');
  });
});
