// Issue 16: a server run as Rocket.Chat's microservice deployment, whose DDP login (ddp-streamer) takes only a
// resume token on 8.x. alice and bob sign in through the form with their passwords (REST login, then DDP resume),
// see their rooms and chat. The demo people's addresses are unverified, so no e-mail code is asked.
import { expect, test } from './fixtures/two-users.js';
import { aliceAndBobInTheirDirect, storedText } from './steps/people.js';
import { messageText, roomButton, sendMessage } from './steps/ui.js';

test.use({ serverOptions: { deployment: 'microservice' } });

test('alice and bob sign in with their passwords and chat', async ({ server, openClient }) => {
  // Signs both in through the form (waiting for each one's rooms), alice says hi in a new DM, bob opens it and reads it.
  const { alice, bob } = await aliceAndBobInTheirDirect(server, openClient);
  await expect(roomButton(alice.page, 'general')).toBeVisible();
  await expect(roomButton(bob.page, 'general')).toBeVisible();

  await sendMessage(bob.page, 'hello alice, from behind the streamer');
  await expect(messageText(alice.page, 'hello alice, from behind the streamer')).toBeVisible();
  expect(storedText(server)).toContain('hello alice, from behind the streamer');
});
