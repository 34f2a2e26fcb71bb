// Issue 16: an LDAP server that sends e-mail codes, as many organisations run it. alice signs in with her directory
// password (the form says LDAP); the code step says the code was e-mailed; a wrong code is told in one sentence; the right one signs in.
import { expect, test } from './fixtures/two-users.js';
import { waitForAppEvent } from './fixtures/app-events.js';
import { enterMailedCode } from './steps/ui.js';

// E-mail codes are Rocket.Chat's default; they reach users whose address is verified, which Rocket.Chat makes every
// directory user's (Accounts_Verify_Email_For_External_Accounts): nothing here switches them on for alice.
test.use({ serverOptions: { ldap: true } });

test('an LDAP user signs in through the code the server e-mailed', async ({ server, openClient }) => {
  const { page } = await openClient('alice');
  await page.getByLabel('Server address').fill(server.url);
  await page.getByLabel('Server address').blur();
  // The form is worded for LDAP once the server's settings are read.
  await expect(page.getByText('This server signs you in with your directory (LDAP) account.')).toBeVisible();
  await page.getByLabel('LDAP username').fill('alice');
  await page.getByLabel('LDAP password').fill('demo');
  await page.getByRole('button', { name: 'Sign in' }).click();

  await enterMailedCode(page, () => server.lastEmailCode('alice'));
  await waitForAppEvent(page, 'rooms.loaded');
  await expect(page.getByText('Signed in as alice')).toBeVisible();
});
