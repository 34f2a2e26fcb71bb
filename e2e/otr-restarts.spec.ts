// Things that restart under a private chat: bob's app, the server, and bob's key (a reinstall).
import { expect, test } from './fixtures/two-users.js';
import { eventCount, waitForAppEvent } from './fixtures/app-events.js';
import { removeIdentityKeys } from './fixtures/profile-files.js';
import { answerRequest, closeVerify, goPrivate, openVerify, readFingerprint } from './steps/otr.js';
import { aliceAndBobInTheirDirect, expectNeverStored } from './steps/people.js';
import { chooseFromMenu, messageText, openIncomingDirect, otrStatus, sendMessage, waitForPhase } from './steps/ui.js';
import type { Page } from '@playwright/test';

function composer(page: Page) {
  return page.getByRole('textbox', { name: /^Message to/ });
}

/** The texts of the messages in the open chat, top to bottom. */
async function shownMessages(page: Page): Promise<string[]> {
  return page.getByRole('region', { name: 'Messages', exact: true }).getByRole('article').allInnerTexts();
}

function inOrder(shown: string[], expected: string[]): string[] {
  return shown.map((text) => expected.find((e) => text.includes(e))).filter((e): e is string => e !== undefined);
}

test('bob restarts his app mid-session: same identity, alice learns the session is lost, a new one needs his Yes', async ({ server, openClient }) => {
  const pair = await aliceAndBobInTheirDirect(server, openClient);
  const alice = pair.alice;
  await goPrivate(alice.page, pair.bob.page);
  const atBob = await openVerify(pair.bob.page);
  const bobKeyBefore = await readFingerprint(atBob, 'Your fingerprint');
  await closeVerify(atBob);
  await sendMessage(alice.page, 'before your restart');
  await expect(messageText(pair.bob.page, 'before your restart')).toBeVisible();
  // bob's answer tells alice he read everything up to here (OTR has no receipts; this is how she knows).
  await sendMessage(pair.bob.page, 'got it');
  await expect(messageText(alice.page, 'got it')).toBeVisible();

  const bob = await pair.bob.restart();
  // His saved sign-in brings him straight back; nothing private survived on disk.
  await expect(bob.page.getByText('Signed in as bob')).toBeVisible();
  await openIncomingDirect(bob.page, 'alice');
  await expect(otrStatus(bob.page)).toHaveText('Not private');
  await expect(messageText(bob.page, 'hi bob')).toBeVisible();
  await expect(messageText(bob.page, 'before your restart')).toHaveCount(0);
  await expect(bob.page.getByText('Encrypted message — not readable here').first()).toBeVisible();

  // alice still thinks it is private; her next message tells her it is not.
  const aliceSince = await eventCount(alice.page);
  await sendMessage(alice.page, 'are you still there?');
  await waitForPhase(alice.page, 'error', aliceSince);
  const lost = alice.page.getByRole('dialog', { name: 'Encrypted chat failed' });
  await expect(lost).toContainText('The other person could not read a private message. Try again.');
  await expect(messageText(alice.page, 'The encrypted chat was lost; start a new one to continue privately')).toBeVisible();
  // Only what bob may not have read is reported unsent.
  await expect(alice.page.getByRole('group', { name: 'Not sent' })).toHaveCount(1);
  await expect(alice.page.getByRole('article').filter({ hasText: 'are you still there?' }).getByRole('group', { name: 'Not sent' })).toBeVisible();

  // Consent again: bob is asked, says Yes.
  const retrySince = await eventCount(alice.page);
  const bobSince = await eventCount(bob.page);
  await lost.getByRole('button', { name: 'Retry' }).click();
  await answerRequest(bob.page, 'Yes');
  await waitForPhase(alice.page, 'private', retrySince);
  await waitForPhase(bob.page, 'private', bobSince);
  await expect(otrStatus(alice.page)).toHaveText('Private, not verified');

  // The failed message is re-sent encrypted in the new session, never in plain text.
  await alice.page.getByRole('group', { name: 'Not sent' }).getByRole('button', { name: 'Retry' }).click();
  await expect(messageText(bob.page, 'are you still there?')).toBeVisible();
  await sendMessage(bob.page, 'back again');
  await expect(messageText(alice.page, 'back again')).toBeVisible();

  // Same identity as before the restart, on both screens.
  const bobNow = await openVerify(bob.page);
  expect(await readFingerprint(bobNow, 'Your fingerprint')).toBe(bobKeyBefore);
  await closeVerify(bobNow);
  const atAlice = await openVerify(alice.page);
  expect(await readFingerprint(atAlice, "Bob's fingerprint")).toBe(bobKeyBefore);
  await closeVerify(atAlice);
  expectNeverStored(server, 'before your restart', 'got it', 'are you still there?', 'back again');
});

test('the server restarts mid-session: the banner says so, nothing is lost or doubled, the session carries on', async ({ server, openClient }) => {
  const { alice, bob } = await aliceAndBobInTheirDirect(server, openClient);
  await goPrivate(alice.page, bob.page);
  await sendMessage(alice.page, 'one: before the restart');
  await expect(messageText(bob.page, 'one: before the restart')).toBeVisible();

  // The restarted server is held back from answering, as a real one is while it boots, so what is typed
  // meanwhile provably waits for it.
  const aliceSince = await eventCount(alice.page);
  const bobSince = await eventCount(bob.page);
  server.faults.pause();
  await server.faults.restart();
  await waitForAppEvent(alice.page, 'session.changed', { connection: 'reconnecting' }, { since: aliceSince });
  await waitForAppEvent(bob.page, 'session.changed', { connection: 'reconnecting' }, { since: bobSince });
  await expect(alice.page.getByRole('status').filter({ hasText: /^Connection lost\. Reconnecting/ })).toBeVisible();
  await expect(bob.page.getByRole('status').filter({ hasText: /^Connection lost\. Reconnecting/ })).toBeVisible();

  await sendMessage(alice.page, 'two: while the server is down');
  await sendMessage(bob.page, 'three: bob while it is down');
  await sendMessage(alice.page, 'four: still down');
  await expect(alice.page.getByText('Sending…').first()).toBeVisible();

  server.faults.resume();
  await waitForAppEvent(alice.page, 'session.changed', { connection: 'online' }, { since: aliceSince });
  await waitForAppEvent(bob.page, 'session.changed', { connection: 'online' }, { since: bobSince });
  await expect(alice.page.getByRole('status').filter({ hasText: /^Connection lost/ })).toHaveCount(0);
  // The banner, not the screen reader's live region: that one says it too until the catch-up's announcements follow.
  await expect(alice.page.locator('.banner[role="status"]').filter({ hasText: 'Connected again' })).toBeVisible();

  const fromAlice = ['one: before the restart', 'two: while the server is down', 'four: still down'];
  for (const text of fromAlice) await expect(messageText(bob.page, text)).toHaveCount(1);
  await expect(messageText(alice.page, 'three: bob while it is down')).toHaveCount(1);
  expect(inOrder(await shownMessages(bob.page), fromAlice)).toEqual(fromAlice);
  await expect(alice.page.getByText('Sending…')).toHaveCount(0);
  await expect(alice.page.getByRole('group', { name: 'Not sent' })).toHaveCount(0);

  // Still the same private session: no new start, still private, and it keeps working.
  await expect(otrStatus(alice.page)).toHaveText('Private, not verified');
  await expect(otrStatus(bob.page)).toHaveText('Private, not verified');
  await sendMessage(alice.page, 'five: after the restart');
  await expect(messageText(bob.page, 'five: after the restart')).toHaveCount(1);
  await expect(messageText(bob.page, 'Encrypted chat started')).toHaveCount(1);
  expect(inOrder(await shownMessages(bob.page), [...fromAlice, 'five: after the restart'])).toEqual([...fromAlice, 'five: after the restart']);
  expectNeverStored(server, ...fromAlice, 'three: bob while it is down', 'five: after the restart');
});

test("bob's key changes (reinstall): alice's next session warns her and blocks sending until she verifies or accepts", async ({ server, openClient }) => {
  const pair = await aliceAndBobInTheirDirect(server, openClient);
  const alice = pair.alice;
  await goPrivate(alice.page, pair.bob.page);
  const atAlice = await openVerify(alice.page);
  const oldKey = await readFingerprint(atAlice, "Bob's fingerprint");
  await closeVerify(atAlice);

  // alice ends; bob confirms and quits; his identity key is deleted from his profile; he starts again.
  await chooseFromMenu(alice.page, 'End OTR');
  await pair.bob.page.getByRole('alertdialog', { name: 'Encrypted chat ended' }).getByRole('button', { name: 'OK, end here too' }).click();
  await expect(otrStatus(pair.bob.page)).toHaveText('Not private');
  await pair.bob.quit();
  expect(removeIdentityKeys(pair.bob.host.profileDir)).toHaveLength(1);
  const bob = await pair.bob.restart();
  await expect(bob.page.getByText('Signed in as bob')).toBeVisible();
  await openIncomingDirect(bob.page, 'alice');

  const aliceSince = await eventCount(alice.page);
  const bobSince = await eventCount(bob.page);
  await chooseFromMenu(alice.page, 'OTR');
  await answerRequest(bob.page, 'Yes');
  await waitForPhase(alice.page, 'key-changed', aliceSince);
  await waitForPhase(bob.page, 'private', bobSince);
  const atBob = await openVerify(bob.page);
  const newKey = await readFingerprint(atBob, 'Your fingerprint');
  await closeVerify(atBob);
  expect(newKey).not.toBe(oldKey);

  const warning = alice.page.getByRole('alertdialog', { name: "Bob's security key changed" });
  await expect(warning).toContainText('Verify the new fingerprint, or accept it unverified.');
  const shown = (await warning.innerText()).replace(/\s+/g, '');
  expect(shown).toContain(`Previousfingerprint${oldKey}`);
  expect(shown).toContain(`Newfingerprint${newKey}`);
  await expect(otrStatus(alice.page)).toHaveText('Key changed');
  await expect(composer(alice.page)).toBeDisabled();
  await expect(alice.page.getByText("Bob's security key changed. Verify it or accept the new key before you write again.")).toBeVisible();
  await expect(messageText(alice.page, "Bob's security key changed")).toBeVisible();

  // What bob writes meanwhile reaches alice, but never as private: no lock, and a line saying why.
  await sendMessage(bob.page, 'written under the new key');
  const early = alice.page.getByRole('article').filter({ hasText: 'written under the new key' });
  await expect(early).toContainText('Sent with a key you have not accepted');
  await expect(early.locator('.icon-lock')).toHaveCount(0);

  // Verify shows the new key next to bob's own; closing it without a decision leaves sending blocked.
  await warning.getByRole('button', { name: 'Verify' }).click();
  const verify = alice.page.getByRole('dialog', { name: 'Verify Bob' });
  expect(await readFingerprint(verify, "Bob's fingerprint")).toBe(newKey);
  await closeVerify(verify);
  await expect(warning).toBeVisible();
  await expect(composer(alice.page)).toBeDisabled();

  await warning.getByRole('button', { name: 'Accept new key' }).click();
  await expect(warning).toBeHidden();
  await expect(otrStatus(alice.page)).toHaveText('Private, not verified');
  await expect(composer(alice.page)).toBeEnabled();
  await sendMessage(alice.page, 'new key, same bob');
  await expect(messageText(bob.page, 'new key, same bob')).toBeVisible();
  expectNeverStored(server, 'new key, same bob');
});
