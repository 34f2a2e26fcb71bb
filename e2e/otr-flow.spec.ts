// The product's heart, through the real UI: alice asks, bob says Yes, both are private, messages travel
// encrypted (the server only ever holds OTR wire text), fingerprints match, then alice ends and bob confirms.
import { expect, test } from './fixtures/two-users.js';
import { chooseFromMenu, messageText, otrStatus, openDirect, openIncomingDirect, sendMessage, signIn, waitForPhase, waitingBar } from './steps/ui.js';

test('alice and bob start an encrypted chat, talk privately, and end it', async ({ server, openClient }) => {
  const alice = await openClient('alice');
  const bob = await openClient('bob');
  await signIn(alice.page, server.url, 'alice');
  await signIn(bob.page, server.url, 'bob');

  await openDirect(alice.page, 'bob');
  await sendMessage(alice.page, 'hello bob, in the clear');
  await openIncomingDirect(bob.page, 'alice');
  await expect(messageText(bob.page, 'hello bob, in the clear')).toBeVisible();

  await chooseFromMenu(alice.page, 'OTR');
  await expect(waitingBar(alice.page, /bob/i)).toBeVisible();
  const request = bob.page.getByRole('alertdialog', { name: 'Encrypted chat' });
  await expect(request).toContainText(/alice wants to start an encrypted chat\. Accept\?/i);
  await request.getByRole('button', { name: 'Yes' }).click();
  await waitForPhase(alice.page, 'private');
  await waitForPhase(bob.page, 'private');
  await expect(otrStatus(alice.page)).toHaveText('Private, not verified');
  await expect(otrStatus(bob.page)).toHaveText('Private, not verified');

  await sendMessage(alice.page, 'this one is off the record');
  await expect(messageText(bob.page, 'this one is off the record')).toBeVisible();
  await sendMessage(bob.page, 'agreed, nobody else can read this');
  await expect(messageText(alice.page, 'agreed, nobody else can read this')).toBeVisible();

  const stored = server.records.messages().map((m: { msg: string }) => m.msg);
  expect(stored).toContain('hello bob, in the clear');
  expect(stored.join('\n')).not.toContain('off the record');
  expect(stored.join('\n')).not.toContain('nobody else can read this');
  expect(stored.some((m: string) => m.startsWith('?OTR'))).toBe(true);

  await chooseFromMenu(alice.page, 'End OTR');
  await waitForPhase(alice.page, 'idle');
  const ended = bob.page.getByRole('alertdialog', { name: 'Encrypted chat ended' });
  await expect(ended).toBeVisible();
  await expect(bob.page.getByRole('textbox', { name: /^Message to/ })).toBeDisabled();
  await ended.getByRole('button', { name: 'OK, end here too' }).click();
  await waitForPhase(bob.page, 'idle');
  await expect(otrStatus(bob.page)).toHaveText('Not private');
  await expect(otrStatus(alice.page)).toHaveText('Not private');
});
