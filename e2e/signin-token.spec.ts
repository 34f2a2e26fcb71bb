// Issue 16: signing in with a personal access token, as Rocket.Chat's My Account → Personal Access Tokens gives
// one (user ID + token). A wrong token is told in one sentence; the right one signs in and survives a restart;
// logging out forgets it here but leaves it on the server (a DDP logout would delete the user's PAT there).
import type { Page } from '@playwright/test';
import { waitForAppEvent } from './fixtures/app-events.js';
import { expect, test } from './fixtures/two-users.js';
import { roomButton } from './steps/ui.js';

async function signInWithToken(page: Page, serverUrl: string, userId: string, token: string): Promise<void> {
  await page.getByLabel('Server address').fill(serverUrl);
  await page.getByRole('button', { name: 'Use a personal access token' }).click();
  await page.getByRole('textbox', { name: 'User ID' }).fill(userId);
  await page.getByLabel('Token').fill(token);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

test('alice signs in with a personal access token, and logging out leaves the token on the server', async ({ server, openClient }) => {
  // What an administrator's "Add" under Personal Access Tokens hands alice (the server keeps only its hash).
  const token = server.createPersonalAccessToken('alice');
  const aliceId = server.users().find((u) => u.username === 'alice')?._id ?? '';
  const alice = await openClient('alice');

  await signInWithToken(alice.page, server.url, aliceId, `${token}x`);
  await expect(alice.page.getByRole('alert')).toHaveText(
    'This server does not accept that user ID and token: copy both again from My Account → Personal Access Tokens.',
  );
  await alice.page.getByLabel('Token').fill(token);
  await alice.page.getByRole('button', { name: 'Sign in' }).click();
  await waitForAppEvent(alice.page, 'rooms.loaded');
  await expect(alice.page.getByText('Signed in as alice')).toBeVisible();
  await expect(roomButton(alice.page, 'general')).toBeVisible();

  // Reopened, the app resumes with the stored token, still knowing it is a PAT: logging out then keeps it too.
  const again = await alice.restart();
  await waitForAppEvent(again.page, 'rooms.loaded');
  await expect(again.page.getByText('Signed in as alice')).toBeVisible();
  await again.page.getByRole('button', { name: 'Settings' }).click();
  await again.page.getByRole('button', { name: 'Log out' }).click();
  await expect(again.page.getByLabel('Server address')).toHaveValue(server.url);

  const me = await fetch(`${server.url}/api/v1/me`, { headers: { 'X-User-Id': aliceId, 'X-Auth-Token': token } });
  expect(me.status, 'the server still accepts the PAT after logging out').toBe(200);
  await signInWithToken(again.page, server.url, aliceId, token);
  await expect(again.page.getByText('Signed in as alice')).toBeVisible();
});
