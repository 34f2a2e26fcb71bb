// Issue 16: single sign-on against a server that offers SAML, CAS and OAuth (--sso), each through the demo
// identity provider's page: the user clicks the server's button, signs in on the provider's page (a wrong
// password first, which the provider itself reports), types the code the server mailed (SAML, OAuth), and is signed in.
// The provider's page opens in its own window: Electron's sandboxed window (E2E_TARGET=electron), or a popup of
// the browser host's page that goes through the host's loopback forwarder of the flow, which reads where it ends.
import type { Page } from '@playwright/test';
import { waitForAppEvent } from './fixtures/app-events.js';
import { ELECTRON_TARGET } from './fixtures/electron-target.js';
import { expect, test, type Client } from './fixtures/two-users.js';
import { enterMailedCode } from './steps/ui.js';

test.use({ serverOptions: { sso: ['saml', 'cas', 'oauth'] } });

async function showOptions(client: Client, serverUrl: string): Promise<void> {
  await client.page.getByLabel('Server address').fill(serverUrl);
  await client.page.getByLabel('Server address').blur();
  await expect(client.page.getByRole('heading', { name: 'Or sign in with' })).toBeVisible();
}

/** The provider's window: Electron opens a window of its own, the browser host's page a popup. */
function providerWindow(client: Client): Promise<Page> {
  return client.electron ? client.electron.waitForEvent('window') : client.page.waitForEvent('popup');
}

async function signInAtProvider(provider: Page, user: string): Promise<void> {
  await provider.getByLabel('Username').fill(user);
  await provider.getByLabel('Password').fill('wrong');
  await provider.getByRole('button', { name: 'Sign in' }).click();
  await expect(provider.getByRole('alert')).toHaveText('Wrong username or password.');
  await provider.getByLabel('Username').fill(user);
  await provider.getByLabel('Password').fill('demo');
  await provider.getByRole('button', { name: 'Sign in' }).click();
}

// The provider's people have verified addresses (Rocket.Chat gives them to the accounts SSO creates), so the
// default e-mail 2FA asks for the mailed code after SAML and OAuth; Rocket.Chat's 2FA check exempts CAS.
const kinds = [
  { button: 'Demo IdP (SAML)', user: 'alice', mailedCode: true },
  { button: 'Demo IdP (OAuth)', user: 'carol', mailedCode: true },
  { button: 'Demo IdP (CAS)', user: 'bob', mailedCode: false },
];

for (const { button, user, mailedCode } of kinds) {
  test(`${button}: clicks through the provider's page${mailedCode ? ', types the mailed code' : ''} and is signed in`, async ({ server, openClient }) => {
    const client = await openClient(user);
    await showOptions(client, server.url);
    const opened = providerWindow(client);
    await client.page.getByRole('button', { name: button }).click();
    const provider = await opened;
    await expect(client.page.getByText('Finish signing in in the window that opened.')).toBeVisible();
    await signInAtProvider(provider, user);
    if (mailedCode) await enterMailedCode(client.page, () => server.lastEmailCode(user));
    await waitForAppEvent(client.page, 'rooms.loaded');
    await expect(client.page.getByText(`Signed in as ${user}`)).toBeVisible();
    await expect(client.page.getByRole('navigation', { name: 'Conversations' }).getByRole('button', { name: /general/i })).toBeVisible();
    // The provider's window closed by itself when the flow ended.
    await expect.poll(() => provider.isClosed()).toBe(true);
  });
}

test('closing the provider\'s window cancels in one sentence, and the buttons stay to try again', async ({ server, openClient }) => {
  const client = await openClient('bob');
  await showOptions(client, server.url);
  const opened = providerWindow(client);
  await client.page.getByRole('button', { name: 'Demo IdP (CAS)' }).click();
  const provider = await opened;
  await provider.getByLabel('Username').waitFor();
  if (!ELECTRON_TARGET) {
    // The browser host's popup runs on the host's forwarder of the flow, with no link back to the app's page.
    const at = new URL(provider.url());
    expect(at.hostname).toBe('127.0.0.1');
    expect([new URL(server.url).origin, new URL(client.page.url()).origin]).not.toContain(at.origin);
    expect(await provider.evaluate(() => window.opener === null)).toBe(true);
  }
  await provider.close();
  await expect(client.page.getByRole('alert')).toHaveText('The sign-in window was closed before you were signed in: choose the service again to retry.');
  await expect(client.page.getByRole('button', { name: 'Demo IdP (CAS)' })).toBeEnabled();
});
