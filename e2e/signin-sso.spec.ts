// Issue 16: single sign-on against a server that offers SAML, CAS and OAuth (--sso), each through the demo
// identity provider's page: the user clicks the server's button, signs in on the provider's page (a wrong
// password first, which the provider itself reports), and is signed in to the app.
// The provider's page opens in its own window: a popup of the browser host, or Electron's sandboxed window
// (E2E_TARGET=electron). A popup's address (another origin) cannot be read by the page that opened it, so the
// browser host finishes only CAS, whose token is the client's own; SAML and OAuth need the Electron window.
import type { Page } from '@playwright/test';
import { waitForAppEvent } from './fixtures/app-events.js';
import { ELECTRON_TARGET } from './fixtures/electron-target.js';
import { expect, test, type Client } from './fixtures/two-users.js';

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

const kinds = [
  { button: 'Demo IdP (CAS)', user: 'bob', onlyElectron: false },
  { button: 'Demo IdP (SAML)', user: 'alice', onlyElectron: true },
  { button: 'Demo IdP (OAuth)', user: 'carol', onlyElectron: true },
];

for (const { button, user, onlyElectron } of kinds) {
  test(`${button}: clicks through the provider's page and is signed in`, async ({ server, openClient }) => {
    test.skip(onlyElectron && !ELECTRON_TARGET, 'the browser host\'s popup cannot read where the provider ends; only the Electron window finishes SAML and OAuth');
    const client = await openClient(user);
    await showOptions(client, server.url);
    const opened = providerWindow(client);
    await client.page.getByRole('button', { name: button }).click();
    const provider = await opened;
    await expect(client.page.getByText('Finish signing in in the window that opened.')).toBeVisible();
    await signInAtProvider(provider, user);
    await waitForAppEvent(client.page, 'rooms.loaded');
    await expect(client.page.getByText(`Signed in as ${user}`)).toBeVisible();
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
  await provider.close();
  await expect(client.page.getByRole('alert')).toHaveText('The sign-in window was closed before you were signed in: choose the service again to retry.');
  await expect(client.page.getByRole('button', { name: 'Demo IdP (CAS)' })).toBeEnabled();
});

test('the browser host offers what it can finish and says the desktop app can do more', async ({ server, openClient }) => {
  test.skip(ELECTRON_TARGET, 'the Electron window finishes every kind');
  const client = await openClient('alice');
  await showOptions(client, server.url);
  await expect(client.page.getByRole('button', { name: 'Demo IdP (CAS)' })).toBeVisible();
  await expect(client.page.getByRole('button', { name: 'Demo IdP (SAML)' })).toHaveCount(0);
  await expect(client.page.getByText('This server offers more ways to sign in that only the desktop app can complete.')).toBeVisible();
});
