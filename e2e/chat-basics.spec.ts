// Plain chat as people notice it: unread counts, someone typing, a long history, and what is typed while
// an encrypted chat is still being set up.
import { HISTORY_WINDOW } from '../src/contract/model.js';
import { expect, test } from './fixtures/two-users.js';
import { eventCount, waitForAppEvent } from './fixtures/app-events.js';
import { requestDialog } from './steps/otr.js';
import { aliceAndBobInTheirDirect, expectNeverStored } from './steps/people.js';
import { chooseFromMenu, messageText, otrStatus, roomButton, sendMessage, signIn, waitForPhase } from './steps/ui.js';

test('unread badge for a conversation not on screen, cleared on opening it; "is typing" while alice writes', async ({ server, openClient }) => {
  const { alice, bob } = await aliceAndBobInTheirDirect(server, openClient);
  const aliceAtBob = roomButton(bob.page, 'alice');

  // With the conversation open, what arrives is read at once: no badge. bob's answer travels on the same
  // connection after his client told the server he read alice's message, so once alice has it, that is done.
  await sendMessage(alice.page, 'you are looking at this');
  await expect(messageText(bob.page, 'you are looking at this')).toBeVisible();
  await sendMessage(bob.page, 'yes I am');
  await expect(messageText(alice.page, 'yes I am')).toBeVisible();
  await expect(aliceAtBob).not.toHaveAccessibleDescription(/unread/);

  await roomButton(bob.page, 'general').click();
  await expect(bob.page.getByRole('heading', { name: '# general' })).toBeVisible();
  await sendMessage(alice.page, 'first while you are away');
  await sendMessage(alice.page, 'second while you are away');
  await expect(aliceAtBob).toHaveAccessibleDescription(/2 unread/);
  await aliceAtBob.click();
  await expect(messageText(bob.page, 'second while you are away')).toBeVisible();
  await expect(aliceAtBob).not.toHaveAccessibleDescription(/unread/);

  const composer = alice.page.getByRole('textbox', { name: /^Message to/ });
  await composer.fill('I am writing something lo');
  await expect(bob.page.getByText('alice is typing…')).toBeVisible();
  await composer.press('Enter');
  await expect(messageText(bob.page, 'I am writing something lo')).toBeVisible();
  await expect(bob.page.getByText('alice is typing…')).toBeHidden();
});

test.describe('history', () => {
  test('a long room history loads: the newest page first, older pages on scrolling up, to the very start', async ({ server, openClient }) => {
    const texts = Array.from({ length: 70 }, (_, i) => `general note ${String(i + 1).padStart(2, '0')}`);
    // Seeded through the server's admin side (bulk history bypasses the rate limiter, as an import would).
    for (const text of texts) server.admin.post('carol', 'general', text);
    const alice = await openClient('alice');
    await signIn(alice.page, server.url, 'alice');

    await roomButton(alice.page, 'general').click();
    const opened = await waitForAppEvent(alice.page, 'room.opened');
    expect(opened.detail).toMatchObject({ count: 50, hasMore: true });
    await expect(messageText(alice.page, 'general note 70')).toBeVisible();
    await expect(messageText(alice.page, 'general note 01')).toHaveCount(0);

    const history = alice.page.getByRole('region', { name: 'Messages', exact: true });
    const since = await eventCount(alice.page);
    await history.hover();
    await alice.page.mouse.wheel(0, -100_000);
    await waitForAppEvent(alice.page, 'history.loaded', { count: 20, hasMore: false }, { since });
    await alice.page.mouse.wheel(0, -100_000);
    await expect(messageText(alice.page, 'general note 01')).toBeVisible();
    await expect(alice.page.getByText('This is the start of the conversation.')).toBeVisible();
    await expect(messageText(alice.page, 'general note 01')).toHaveCount(1);
  });

  test('a room opens with its newest message on the first screen painted, not one frame later', async ({ server, openClient }) => {
    // Lengths unlike the list's height guesses: the rows measured in view move the end of the list.
    for (let i = 1; i <= 60; i++) server.admin.post('carol', 'general', `${'long line of words '.repeat((i * 7) % 23)}varied note ${i}`);
    const alice = await openClient('alice');
    await signIn(alice.page, server.url, 'alice');
    // What the first frame that has message rows shows: checked in that frame, before anything later moves it.
    await alice.page.evaluate(() => {
      const seen = new MutationObserver(() => {
        const list = document.querySelector('.message-scroll');
        if (list?.querySelector('.row') == null) return;
        seen.disconnect();
        requestAnimationFrame(() => {
          const newest = [...list.querySelectorAll('.row')].find((row) => row.textContent?.includes('varied note 60'));
          const view = list.getBoundingClientRect();
          const box = newest?.getBoundingClientRect();
          const shown = box !== undefined && box.height > 0 && box.top >= view.top && box.bottom <= view.bottom + 1;
          document.body.dataset.firstFrameShowsNewest = String(shown);
        });
      });
      seen.observe(document.body, { childList: true, subtree: true });
    });
    await roomButton(alice.page, 'general').click();
    await expect(alice.page.locator('body')).toHaveAttribute('data-first-frame-shows-newest', 'true');
  });

  test('a history read back to its start opens at its newest window after a reload, and scrolling up still reaches its first message', async ({ server, openClient }) => {
    const texts = Array.from({ length: 230 }, (_, i) => `long note ${String(i + 1).padStart(3, '0')}`);
    for (const text of texts) server.admin.post('carol', 'general', text);
    const alice = await openClient('alice');
    await signIn(alice.page, server.url, 'alice');
    const history = alice.page.getByRole('region', { name: 'Messages', exact: true });
    const scrollToStart = async () => {
      await history.hover();
      // Each page put in front keeps the row being read in place: wheel again until the first message shows.
      await expect(async () => {
        await alice.page.mouse.wheel(0, -100_000);
        await expect(messageText(alice.page, 'long note 001')).toBeVisible({ timeout: 500 });
      }).toPass({ timeout: 30_000 });
      await expect(alice.page.getByText('This is the start of the conversation.')).toBeVisible();
    };

    await roomButton(alice.page, 'general').click();
    await waitForAppEvent(alice.page, 'room.opened');
    await scrollToStart();

    // The window's page is new; main still holds the whole room, and hands the renderer only its newest part.
    await alice.page.reload();
    await roomButton(alice.page, 'general').click();
    const opened = await waitForAppEvent(alice.page, 'room.opened');
    expect(opened.detail).toMatchObject({ count: HISTORY_WINDOW, hasMore: true });
    await expect(messageText(alice.page, 'long note 230')).toBeVisible();
    await expect(messageText(alice.page, 'long note 001')).toHaveCount(0);
    await scrollToStart();
    await expect(messageText(alice.page, 'long note 001')).toHaveCount(1);
  });
});

test('what bob types while the handshake runs waits, then goes out encrypted — never in plain text', async ({ server, openClient }) => {
  const { alice, bob } = await aliceAndBobInTheirDirect(server, openClient);
  const aliceSince = await eventCount(alice.page);
  const bobSince = await eventCount(bob.page);
  await chooseFromMenu(alice.page, 'OTR');
  await expect(requestDialog(bob.page)).toBeVisible();

  // A slow network: the server holds everything while bob says Yes, so the handshake is still running
  // while he writes.
  server.faults.pause();
  await requestDialog(bob.page).getByRole('button', { name: 'Yes' }).click();
  await waitForPhase(bob.page, 'handshaking', bobSince);
  await expect(otrStatus(bob.page)).toHaveText('Starting encryption…');
  await sendMessage(bob.page, 'typed during the handshake');
  await sendMessage(bob.page, 'and another one');
  await expect(bob.page.getByText('Your messages will be sent once the encrypted chat has started (2 waiting).')).toBeVisible();
  await expect(bob.page.getByText('Waiting for the encrypted chat')).toHaveCount(2);
  server.faults.resume();

  await waitForPhase(alice.page, 'private', aliceSince);
  await waitForPhase(bob.page, 'private', bobSince);
  await expect(messageText(alice.page, 'typed during the handshake')).toBeVisible();
  await expect(messageText(alice.page, 'and another one')).toBeVisible();
  const shown = await alice.page.getByRole('region', { name: 'Messages', exact: true }).getByRole('article').allInnerTexts();
  const order = shown.filter((t) => t.includes('typed during the handshake') || t.includes('and another one'));
  expect(order[0]).toContain('typed during the handshake');
  expect(order[1]).toContain('and another one');
  await expect(bob.page.getByText('Waiting for the encrypted chat')).toHaveCount(0);
  await expect(alice.page.getByRole('article').filter({ hasText: 'and another one' }).getByText('private')).toBeAttached();
  expectNeverStored(server, 'typed during the handshake', 'and another one');
});
