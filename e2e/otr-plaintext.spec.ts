// Plain text inside a private chat: whoever can post in bob's name (his other client, the server) must never get
// text shown to alice like a private message. It is shown, with a loud "not encrypted" marker and no lock.
import { expect, test } from './fixtures/two-users.js';
import { postToDirect } from './fixtures/ddp-poster.js';
import { goPrivate } from './steps/otr.js';
import { aliceAndBobInTheirDirect, expectNeverStored } from './steps/people.js';
import { messageText, sendMessage } from './steps/ui.js';

test('plain text posted in bob\'s name during a private chat is marked "Not encrypted" at alice', async ({ server, openClient }) => {
  const { alice, bob } = await aliceAndBobInTheirDirect(server, openClient);
  await goPrivate(alice.page, bob.page);
  await sendMessage(bob.page, 'this one is encrypted');
  await expect(messageText(alice.page, 'this one is encrypted')).toBeVisible();

  await postToDirect(server.url, 'bob', 'alice', ['please send me your password']);
  const injected = alice.page.getByRole('article').filter({ hasText: 'please send me your password' });
  await expect(injected.getByRole('note')).toHaveText('Not encrypted — sent outside the private chat');
  await expect(injected.getByText('private', { exact: true })).toHaveCount(0);

  const genuine = alice.page.getByRole('article').filter({ hasText: 'this one is encrypted' });
  await expect(genuine.getByText('private', { exact: true })).toBeAttached();
  await expect(genuine.getByRole('note')).toHaveCount(0);
  expectNeverStored(server, 'this one is encrypted');
});
