// Asking for an encrypted chat: No, no answer in time, and both asking at once. Every way out has a way back.
import { expect, test } from './fixtures/two-users.js';
import { eventCount } from './fixtures/app-events.js';
import { answerRequest, requestDialog } from './steps/otr.js';
import { aliceAndBobInTheirDirect, expectNeverStored, storedText } from './steps/people.js';
import { chooseFromMenu, messageText, otrStatus, sendMessage, setRequestTimeout, waitForPhase, waitingBar } from './steps/ui.js';

test('bob says No: alice is told; her Retry opens no dialog at bob, only a line from which he can start', async ({ server, openClient }) => {
  const { alice, bob } = await aliceAndBobInTheirDirect(server, openClient);

  await chooseFromMenu(alice.page, 'OTR');
  await answerRequest(bob.page, 'No');
  const declined = alice.page.getByRole('dialog', { name: 'Request declined' });
  await expect(declined).toContainText('Bob declined the encrypted chat.');
  await expect(otrStatus(alice.page)).toHaveText('Declined');
  await expect(otrStatus(bob.page)).toHaveText('Not private');

  const aliceSince = await eventCount(alice.page);
  const bobSince = await eventCount(bob.page);
  await declined.getByRole('button', { name: 'Retry' }).click();
  await expect(waitingBar(alice.page, 'Bob')).toBeVisible();
  // bob said No a moment ago: asking again must not pop the dialog back (libotr clients ask after every No).
  const askedAgain = bob.page.getByText('Alice asked again for an encrypted chat. You declined, so no dialog opened.');
  await expect(askedAgain).toBeVisible();
  await expect(requestDialog(bob.page)).toBeHidden();
  await bob.page.getByRole('button', { name: 'Start encrypted chat' }).click();
  await waitForPhase(alice.page, 'private', aliceSince);
  await waitForPhase(bob.page, 'private', bobSince);
  await expect(otrStatus(alice.page)).toHaveText('Private, not verified');
  await expect(otrStatus(bob.page)).toHaveText('Private, not verified');

  await sendMessage(bob.page, 'second time lucky');
  await expect(messageText(alice.page, 'second time lucky')).toBeVisible();
  expectNeverStored(server, 'second time lucky');
});

test('bob does not answer: with a 10 s timeout set in Settings alice sees "No answer", bob\'s dialog closes, Retry works', async ({ server, openClient }) => {
  const { alice, bob } = await aliceAndBobInTheirDirect(server, openClient);
  await setRequestTimeout(alice.page, 10);

  const aliceSince = await eventCount(alice.page);
  await chooseFromMenu(alice.page, 'OTR');
  const waiting = waitingBar(alice.page, 'Bob');
  // The countdown shows the new setting, not the 60 s default.
  await expect(waiting.getByRole('timer')).toHaveText(/^(10|[1-9]) s left$/);
  await expect(requestDialog(bob.page)).toBeVisible();

  await waitForPhase(alice.page, 'timed-out', aliceSince);
  const timedOut = alice.page.getByRole('dialog', { name: 'No answer' });
  await expect(timedOut).toContainText('Bob did not answer in time. Ask again when they are online.');
  await expect(requestDialog(bob.page)).toBeHidden();
  await expect(otrStatus(bob.page)).toHaveText('Not private');

  const retriedSince = await eventCount(alice.page);
  const bobSince = await eventCount(bob.page);
  await timedOut.getByRole('button', { name: 'Retry' }).click();
  await answerRequest(bob.page, 'Yes');
  await waitForPhase(alice.page, 'private', retriedSince);
  await waitForPhase(bob.page, 'private', bobSince);
  await sendMessage(alice.page, 'caught you this time');
  await expect(messageText(bob.page, 'caught you this time')).toBeVisible();
  expectNeverStored(server, 'caught you this time');
});

test('alice and bob both ask at the same moment: one session, both private, messages flow', async ({ server, openClient }) => {
  const { alice, bob } = await aliceAndBobInTheirDirect(server, openClient);
  const aliceSince = await eventCount(alice.page);
  const bobSince = await eventCount(bob.page);

  // "At the same moment" means the two requests cross on the way. The server holds traffic while both
  // choose OTR, so neither sees the other's request before asking (on a busy machine clicks are far apart).
  server.faults.pause();
  await chooseFromMenu(alice.page, 'OTR');
  await chooseFromMenu(bob.page, 'OTR');
  await waitForPhase(alice.page, 'requesting', aliceSince);
  await waitForPhase(bob.page, 'requesting', bobSince);
  await expect(waitingBar(alice.page, 'Bob')).toBeVisible();
  await expect(waitingBar(bob.page, 'Alice')).toBeVisible();
  server.faults.resume();
  await waitForPhase(alice.page, 'private', aliceSince);
  await waitForPhase(bob.page, 'private', bobSince);
  await expect(otrStatus(alice.page)).toHaveText('Private, not verified');
  await expect(otrStatus(bob.page)).toHaveText('Private, not verified');
  await expect(requestDialog(alice.page)).toBeHidden();
  await expect(requestDialog(bob.page)).toBeHidden();
  await expect(alice.page.getByRole('dialog')).toHaveCount(0);
  await expect(bob.page.getByRole('dialog')).toHaveCount(0);

  await sendMessage(alice.page, 'you asked too?');
  await expect(messageText(bob.page, 'you asked too?')).toBeVisible();
  await sendMessage(bob.page, 'great minds');
  await expect(messageText(alice.page, 'great minds')).toBeVisible();
  // One session: each side announced one start, and the server carried exactly one D-H Commit (one AKE).
  await expect(messageText(alice.page, 'Encrypted chat started')).toHaveCount(1);
  await expect(messageText(bob.page, 'Encrypted chat started')).toHaveCount(1);
  const dhCommits = storedText(server).split('\n').filter((m) => m.startsWith('?OTR:AAMC'));
  expect(dhCommits).toHaveLength(1);
  expectNeverStored(server, 'you asked too?', 'great minds');
});
