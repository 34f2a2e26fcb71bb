// Verifying who is on the other side: comparing fingerprints by eye, and checking with a secret (SMP).
import { expect, test } from './fixtures/two-users.js';
import { eventCount, waitForAppEvent } from './fixtures/app-events.js';
import {
  answerSmp,
  closeVerify,
  goPrivate,
  openVerify,
  readFingerprint,
  smpAnswerDialog,
  smpResult,
  startSmp,
  waitForSmp,
} from './steps/otr.js';
import { aliceAndBobInTheirDirect, expectNeverStored } from './steps/people.js';
import { messageText, otrStatus, sendMessage } from './steps/ui.js';

test('the fingerprints each side shows match the other side, and marking verified shows in the header', async ({ server, openClient }) => {
  const { alice, bob } = await aliceAndBobInTheirDirect(server, openClient);
  await goPrivate(alice.page, bob.page);

  const atAlice = await openVerify(alice.page);
  const atBob = await openVerify(bob.page);
  await expect(atAlice).toContainText('Not verified');
  const aliceOwn = await readFingerprint(atAlice, 'Your fingerprint');
  const bobAsAliceSeesIt = await readFingerprint(atAlice, "Bob's fingerprint");
  const bobOwn = await readFingerprint(atBob, 'Your fingerprint');
  const aliceAsBobSeesIt = await readFingerprint(atBob, "Alice's fingerprint");
  expect(bobAsAliceSeesIt).toBe(bobOwn);
  expect(aliceAsBobSeesIt).toBe(aliceOwn);
  expect(aliceOwn).not.toBe(bobOwn);

  const since = await eventCount(alice.page);
  await atAlice.getByRole('button', { name: 'Mark as verified' }).click();
  await waitForAppEvent(alice.page, 'otr.changed', { phase: 'private', verified: true }, { since });
  await expect(atAlice).toContainText('Verified');
  await expect(atAlice.getByRole('button', { name: 'Clear verification' })).toBeVisible();
  await closeVerify(atAlice);
  await closeVerify(atBob);
  await expect(otrStatus(alice.page)).toHaveText('Private, verified');
  await expect(messageText(alice.page, 'Bob is verified')).toBeVisible();
  // Verification is one person's judgement: bob has not verified alice.
  await expect(otrStatus(bob.page)).toHaveText('Private, not verified');

  await sendMessage(alice.page, 'now I know it is you');
  await expect(messageText(bob.page, 'now I know it is you')).toBeVisible();
  expectNeverStored(server, 'now I know it is you');
});

test('a check with a question: a wrong answer fails for both and verifies nobody; the right answer verifies both', async ({ server, openClient }) => {
  const { alice, bob } = await aliceAndBobInTheirDirect(server, openClient);
  await goPrivate(alice.page, bob.page);
  const question = 'Where did we first meet?';

  let aliceSince = await eventCount(alice.page);
  let bobSince = await eventCount(bob.page);
  const atAlice = await openVerify(alice.page);
  await startSmp(atAlice, { question, answer: 'the harbour cafe' });
  await expect(smpResult(atAlice)).toHaveText('Waiting for Bob to answer…');
  const asked = smpAnswerDialog(bob.page);
  await expect(asked).toContainText(`Alice asks: ${question}`);
  await answerSmp(bob.page, 'the train station');
  await waitForSmp(alice.page, 'failed', aliceSince);
  await waitForSmp(bob.page, 'failed', bobSince);
  await expect(smpResult(atAlice)).toHaveText(/^Check failed: the answers did not match\./);
  await expect(atAlice).toContainText('Not verified');
  // The answering side is told too, in the chat, without opening anything.
  await expect(messageText(bob.page, 'Identity check with Alice failed: the answers did not match')).toBeVisible();
  await expect(messageText(alice.page, 'Identity check with Bob failed: the answers did not match')).toBeVisible();
  const atBob = await openVerify(bob.page);
  await expect(smpResult(atBob)).toHaveText(/^Check failed: the answers did not match\./);
  await expect(atBob).toContainText('Not verified');
  await closeVerify(atBob);
  await expect(otrStatus(alice.page)).toHaveText('Private, not verified');
  await expect(otrStatus(bob.page)).toHaveText('Private, not verified');

  aliceSince = await eventCount(alice.page);
  bobSince = await eventCount(bob.page);
  await startSmp(atAlice, { question, answer: 'the harbour cafe' });
  await expect(smpAnswerDialog(bob.page)).toContainText(`Alice asks: ${question}`);
  await answerSmp(bob.page, 'the harbour cafe');
  await waitForSmp(alice.page, 'succeeded', aliceSince);
  await waitForSmp(bob.page, 'succeeded', bobSince);
  await expect(smpResult(atAlice)).toHaveText('Check succeeded: Bob is verified.');
  await closeVerify(atAlice);
  await expect(otrStatus(alice.page)).toHaveText('Private, verified');
  await expect(otrStatus(bob.page)).toHaveText('Private, verified');
  await expect(messageText(bob.page, 'Identity check with Alice succeeded: Alice is verified')).toBeVisible();
  await expect(messageText(alice.page, 'Identity check with Bob succeeded: Bob is verified')).toBeVisible();

  // The answer is never sent anywhere readable.
  expectNeverStored(server, 'harbour cafe', 'train station', question);
});

test('a check with a shared secret verifies both when both type the same secret', async ({ server, openClient }) => {
  const { alice, bob } = await aliceAndBobInTheirDirect(server, openClient);
  await goPrivate(alice.page, bob.page);

  const aliceSince = await eventCount(alice.page);
  const bobSince = await eventCount(bob.page);
  const atBob = await openVerify(bob.page);
  await startSmp(atBob, { secret: 'blue heron 1987' });
  const asked = smpAnswerDialog(alice.page);
  await expect(asked).toContainText('Type the secret you agreed with Bob.');
  await answerSmp(alice.page, 'blue heron 1987', 'Shared secret');
  await waitForSmp(bob.page, 'succeeded', bobSince);
  await waitForSmp(alice.page, 'succeeded', aliceSince);
  await expect(smpResult(atBob)).toHaveText('Check succeeded: Alice is verified.');
  await closeVerify(atBob);
  await expect(otrStatus(bob.page)).toHaveText('Private, verified');
  await expect(otrStatus(alice.page)).toHaveText('Private, verified');
  expectNeverStored(server, 'blue heron');
});
