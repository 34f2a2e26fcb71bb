// A request reaches bob wherever he is in the app, his countdown ends when alice's does, and what he missed stays in
// the chat; after a reload the room list shows every DM's OTR state without opening it.
import { readFileSync } from 'node:fs';
import { expect, test } from './fixtures/two-users.js';
import { goPrivate, requestDialog } from './steps/otr.js';
import { aliceAndBobInTheirDirect } from './steps/people.js';
import { chooseFromMenu, openDirect, openIncomingDirect, roomButton, sendMessage, setRequestTimeout, signIn } from './steps/ui.js';

test('bob in another room is told of alice\'s request and opens it; his countdown follows her 10 s; the chat keeps an "expired" line', async ({ server, openClient }) => {
  const { alice, bob } = await aliceAndBobInTheirDirect(server, openClient);
  await setRequestTimeout(alice.page, 10);
  await roomButton(bob.page, 'general').click();

  await chooseFromMenu(alice.page, 'OTR');
  const told = bob.page.getByRole('alertdialog', { name: 'Chat with Alice' });
  await expect(told).toContainText('Alice wants to start an encrypted chat.');
  await told.getByRole('button', { name: 'Open chat' }).click();
  // bob's own setting is the 60 s default: the countdown is alice's 10 s.
  await expect(requestDialog(bob.page).getByRole('timer')).toHaveText(/^(10|[1-9]) s left$/);
  await expect(requestDialog(bob.page)).toBeHidden({ timeout: 15_000 });
  // The line says when alice asked, in the locale's time format (en: "10:42 AM").
  await expect(bob.page.getByText(/^Alice asked for an encrypted chat at \d{1,2}:\d{2}\s?[AP]M — expired$/)).toBeVisible();
});

test('bob in Settings is told of the request too', async ({ server, openClient }) => {
  const { alice, bob } = await aliceAndBobInTheirDirect(server, openClient);
  await bob.page.getByRole('button', { name: 'Settings' }).click();
  await expect(bob.page.getByRole('main', { name: 'Settings' })).toBeVisible();
  await chooseFromMenu(alice.page, 'OTR');
  const told = bob.page.getByRole('alertdialog', { name: 'Chat with Alice' });
  await expect(told).toContainText('Alice wants to start an encrypted chat.');
  await told.getByRole('button', { name: 'Open chat' }).click();
  await requestDialog(bob.page).getByRole('button', { name: 'Yes' }).click();
  await expect(bob.page.getByRole('main').getByTestId('otr-status')).toHaveText(/^Private, /);
});

test('after a reload the room list shows every DM\'s state before it is opened, with one call for all of them', async ({ server, openClient }) => {
  const { alice, bob } = await aliceAndBobInTheirDirect(server, openClient);
  await goPrivate(alice.page, bob.page);
  const carol = await openClient('carol');
  await signIn(carol.page, server.url, 'carol');
  await openDirect(carol.page, 'bob');
  await sendMessage(carol.page, 'hi bob');
  await openIncomingDirect(bob.page, 'carol');
  await goPrivate(carol.page, bob.page);
  await roomButton(bob.page, 'general').click();
  const before = callsOf(bob.host.auditFile).length;
  await bob.page.reload();
  await expect(roomButton(bob.page, 'general')).toBeVisible();
  await expect(roomButton(bob.page, 'alice')).toContainText('encrypted chat active');
  await expect(roomButton(bob.page, 'carol')).toContainText('encrypted chat active');
  const after = callsOf(bob.host.auditFile).slice(before);
  expect(after.filter((name) => name === 'otr.states')).toHaveLength(1);
  expect(after.filter((name) => name === 'otr.get')).toEqual([]);
});

/** The names of the calls the page made, in order, from the host's IPC audit. */
function callsOf(auditFile: string): string[] {
  return readFileSync(auditFile, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { direction: string; frame: { name?: unknown } })
    .flatMap(({ direction, frame }) => (direction === 'in' && typeof frame.name === 'string' ? [frame.name] : []));
}
