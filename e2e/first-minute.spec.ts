// The first minute's rough edges (issue 19): waiting for an answer blocks nothing, Verify fits the window and keeps
// the keyboard after a check, Save stays where it is, and the start-of-conversation line never sits on messages.
import { expect, test } from './fixtures/two-users.js';
import { eventCount, waitForAppEvent } from './fixtures/app-events.js';
import { answerSmp, closeVerify, goPrivate, openVerify, requestDialog, smpResult, startSmp, waitForSmp } from './steps/otr.js';
import { aliceAndBobInTheirDirect } from './steps/people.js';
import { chooseFromMenu, messageText, otrStatus, roomButton, signIn, waitingBar } from './steps/ui.js';

test('alice asks, reads another room while she waits, comes back and cancels from the header', async ({ server, openClient }) => {
  const { alice, bob } = await aliceAndBobInTheirDirect(server, openClient);
  server.admin.post('carol', 'general', 'lunch at noon in the canteen');

  await chooseFromMenu(alice.page, 'OTR');
  await expect(waitingBar(alice.page, 'Bob')).toBeVisible();
  await expect(requestDialog(bob.page)).toBeVisible();
  await expect(alice.page.locator('[aria-modal="true"]'), 'nothing modal covers the window while alice waits').toHaveCount(0);

  await roomButton(alice.page, 'general').click();
  await expect(messageText(alice.page, 'lunch at noon in the canteen')).toBeVisible();
  await expect(roomButton(alice.page, 'bob')).toContainText('waiting for an answer to your request');

  await roomButton(alice.page, 'bob').click();
  const waiting = waitingBar(alice.page, 'Bob');
  await expect(waiting.getByRole('timer')).toHaveText(/^\d+ s left$/);
  await waiting.getByRole('button', { name: 'Cancel' }).click();
  await expect(waiting).toBeHidden();
  await expect(otrStatus(alice.page)).toHaveText('Not private');
  await expect(requestDialog(bob.page), 'the withdrawn request closes at bob too').toBeHidden();
});

test('Verify fits 1280×800 and 1024×700 with both QR codes; after a check Escape closes it and focus returns to ⋮', async ({ server, openClient }) => {
  const { alice, bob } = await aliceAndBobInTheirDirect(server, openClient);
  await goPrivate(alice.page, bob.page);

  for (const size of [
    { width: 1280, height: 800 },
    { width: 1024, height: 700 },
  ]) {
    await alice.page.setViewportSize(size);
    const screen = await openVerify(alice.page);
    const where = `at ${size.width}×${size.height}, without scrolling`;
    await expect(screen.getByRole('button', { name: 'Start check' }), where).toBeInViewport({ ratio: 1 });
    await expect(screen.getByRole('button', { name: 'Close', exact: true }), where).toBeInViewport({ ratio: 1 });
    await expect(screen.getByRole('button', { name: 'Mark as verified' }), where).toBeInViewport({ ratio: 1 });
    await expect(screen.getByRole('img', { name: 'QR code of your fingerprint' }), where).toBeInViewport({ ratio: 1 });
    await expect(screen.getByRole('img', { name: "QR code of Bob's fingerprint" }), where).toBeInViewport({ ratio: 1 });
    await closeVerify(screen);
  }

  const screen = await openVerify(alice.page);
  const since = await eventCount(alice.page);
  await startSmp(screen, { secret: 'blue heron 1987' });
  await answerSmp(bob.page, 'blue heron 1987', 'Shared secret');
  await waitForSmp(alice.page, 'succeeded', since);
  await expect(smpResult(screen)).toHaveText('Check succeeded: Bob is verified.');
  await expect(screen.locator(':focus'), 'the focus stays in Verify, not on the page').toHaveCount(1);
  await alice.page.keyboard.press('Escape');
  await expect(screen).toBeHidden();
  await expect(alice.page.getByRole('button', { name: 'Conversation options' })).toBeFocused();
});

test('Save settings stays where it is when "Settings saved" appears', async ({ server, openClient }) => {
  const alice = await openClient('alice');
  await signIn(alice.page, server.url, 'alice');
  await alice.page.getByRole('button', { name: 'Settings' }).click();
  const save = alice.page.getByRole('button', { name: 'Save settings' });
  const before = await save.boundingBox();
  await save.click();
  await expect(alice.page.getByText('Settings saved')).toBeVisible();
  expect(await save.boundingBox()).toEqual(before);
});

test('"This is the start of the conversation" scrolls with the messages instead of sitting on them', async ({ server, openClient }) => {
  for (let i = 1; i <= 40; i += 1) server.admin.post('carol', 'general', `general note ${String(i).padStart(2, '0')}`);
  const alice = await openClient('alice');
  await signIn(alice.page, server.url, 'alice');
  await roomButton(alice.page, 'general').click();
  await waitForAppEvent(alice.page, 'room.opened', { hasMore: false });

  const start = alice.page.getByText('This is the start of the conversation.');
  await expect(messageText(alice.page, 'general note 40')).toBeInViewport();
  await expect(start, 'at the newest message the start of the room is out of view').not.toBeInViewport();

  await alice.page.getByRole('region', { name: 'Messages', exact: true }).hover();
  await alice.page.mouse.wheel(0, -100_000);
  const first = messageText(alice.page, 'general note 01');
  await expect(first).toBeInViewport();
  await expect(start).toBeInViewport();
  const line = await start.boundingBox();
  const message = await first.boundingBox();
  if (!line || !message) throw new Error('the start line or the first message has no box');
  expect(line.y + line.height, 'the start line ends above the first message').toBeLessThanOrEqual(message.y);
});

test('"Signing in…" can be cancelled, and the address stays filled in after Cancel, sign-out and a reload', async ({ server, openClient }) => {
  const { page } = await openClient('alice');
  await page.getByLabel('Server address').fill(server.url);
  await page.getByLabel('Username or e-mail').fill('alice');
  await page.getByLabel('Password').fill('demo');
  // The server holds the sign-in: the app waits in "Signing in…" until the user gives up.
  server.faults.pause();
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('button', { name: 'Signing in…' })).toBeDisabled();
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeEnabled();
  await expect(page.getByLabel('Server address')).toHaveValue(server.url);
  server.faults.resume();

  await signIn(page, server.url, 'alice');
  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByRole('button', { name: 'Log out' }).click();
  await expect(page.getByLabel('Server address')).toHaveValue(server.url);
  await page.reload();
  await expect(page.getByLabel('Server address')).toHaveValue(server.url);
});
