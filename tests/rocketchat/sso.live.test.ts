// Issue 16: the sign-in screen's options come from the server (LDAP, SSO services), and each SSO kind signs in
// against the local server (--sso) through its provider's page in a real Chromium window.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalServer } from '../../server/index.js';
import type { LoginOutcome } from '../../src/contract/index.js';
import type { RocketChatClient } from '../../src/main/rocketchat/types.js';
import { codeOf, liveScope } from './live-helpers.js';
import { fillIdp, launchChromium, popupWindow, sightedWindow, wrongThenRight } from './sso-windows.js';

const live = liveScope();
/** Each SSO service of the local server, and who signs in through it. */
const KINDS: [string, string][] = [['saml', 'alice'], ['cas', 'bob'], ['oauth:demo-idp', 'carol']];
/**
 * The provider's people have verified addresses, so a SAML or OAuth sign-in is finished with the mailed code, as
 * Rocket.Chat's 2FA check asks it; CAS is exempt there.
 */
async function throughMailedCode(client: RocketChatClient, server: LocalServer, serviceId: string, user: string, outcome: LoginOutcome): Promise<LoginOutcome> {
  if (serviceId === 'cas') return outcome;
  expect(outcome).toEqual({ kind: 'totp-required', method: 'email' });
  return client.submitTotp(server.lastEmailCode(user) ?? '');
}
let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser.close();
});

describe('what the sign-in screen offers', () => {
  it('reads LDAP and the SSO services, every kind in both hosts\' windows', async () => {
    const server = await live.start({ ldap: true, sso: ['saml', 'cas', 'oauth'] });
    const services = [
      { id: 'saml', kind: 'saml', label: 'Demo IdP (SAML)' },
      { id: 'cas', kind: 'cas', label: 'Demo IdP (CAS)' },
      { id: 'oauth:demo-idp', kind: 'oauth', label: 'Demo IdP (OAuth)' },
    ];
    const sighted = await live.tracked({ ssoWindow: sightedWindow(browser, async () => undefined) }).client.loginOptions(server.url);
    expect(sighted).toEqual({ serverUrl: server.url, ldap: true, passwordForm: true, sso: services });
    const popup = await live.tracked({ ssoWindow: popupWindow(browser, async () => undefined) }).client.loginOptions(server.url);
    expect(popup.sso).toEqual(services);
    const plain = await live.start({});
    expect(await live.tracked().client.loginOptions(plain.url)).toEqual({ serverUrl: plain.url, ldap: false, passwordForm: true, sso: [] });
  });

  it('reads them once for the screen and the sign-in that follows (anonymous REST is limited to 10 a minute)', async () => {
    const server = await live.start({ ldap: true });
    const asked: string[] = [];
    const counting: typeof fetch = (input, init) => {
      asked.push(input instanceof Request ? input.url : String(input));
      return fetch(input, init);
    };
    const { client } = live.tracked({ fetch: counting });
    expect((await client.loginOptions(server.url)).ldap).toBe(true);
    expect((await client.login({ serverUrl: server.url, user: 'alice', password: 'demo' })).kind).toBe('totp-required');
    // The mailed code finishes the same attempt: no settings are read again.
    expect((await client.submitTotp(server.lastEmailCode('alice') ?? '')).kind).toBe('signed-in');
    expect(asked.filter((url) => url.includes('/settings.')).map((url) => new URL(url).pathname)).toEqual(['/api/v1/settings.public', '/api/v1/settings.oauth']);
  });
});

describe('signing in through SSO', () => {
  it.each(KINDS)('%s: the provider\'s page (a wrong password first) ends with a token the client signs in with', async (serviceId, user) => {
    const server = await live.start({ sso: ['saml', 'cas', 'oauth'] });
    const window = sightedWindow(browser, wrongThenRight(user));
    const { client } = live.tracked({ ssoWindow: window });
    const outcome = await throughMailedCode(client, server, serviceId, user, await client.loginWithSso({ serverUrl: server.url, serviceId }));
    expect(outcome.kind === 'signed-in' && outcome.session.me?.username).toBe(user);
    expect(client.state()).toEqual({ kind: 'online' });
    expect(window.visited.some((url) => url.includes('/_idp/'))).toBe(true);
  });

  it('a window closed before the provider was done cancels, in words of its own', async () => {
    const server = await live.start({ sso: ['saml'] });
    const window = sightedWindow(browser, fillIdp('alice', 'wrong', async (page) => {
      await page.getByRole('alert').waitFor();
      await page.close();
    }));
    expect(await codeOf(live.tracked({ ssoWindow: window }).client.loginWithSso({ serverUrl: server.url, serviceId: 'saml' }))).toBe('sso-cancelled');
  });

  it('a service the server does not offer is refused before any window opens', async () => {
    const server = await live.start({ sso: ['cas'] });
    const window = sightedWindow(browser, async () => undefined);
    expect(await codeOf(live.tracked({ ssoWindow: window }).client.loginWithSso({ serverUrl: server.url, serviceId: 'saml' }))).toBe('sso-unavailable');
    expect(window.visited).toEqual([]);
  });

  it('Cancel closes the provider\'s window and nothing stays signed in', async () => {
    const server = await live.start({ sso: ['oauth'] });
    const { client } = live.tracked({ ssoWindow: sightedWindow(browser, async () => {
      client.cancelSignIn();
    }) });
    expect(await codeOf(client.loginWithSso({ serverUrl: server.url, serviceId: 'oauth:demo-idp' }))).toBe('not-signed-in');
    expect(client.session().me).toBeUndefined();
  });
});

describe('the browser host\'s popup, through its loopback forwarder', () => {
  it.each(KINDS)('%s: signs in (a wrong password first); the provider\'s pages have no opener and the popup never sees the token', async (serviceId, user) => {
    const server = await live.start({ sso: ['saml', 'cas', 'oauth'] });
    const window = popupWindow(browser, wrongThenRight(user));
    const { client } = live.tracked({ ssoWindow: window });
    const outcome = await throughMailedCode(client, server, serviceId, user, await client.loginWithSso({ serverUrl: server.url, serviceId }));
    expect(outcome.kind === 'signed-in' && outcome.session.me?.username).toBe(user);
    const provider = window.seen.filter(({ url }) => url.includes('/_idp/'));
    expect(provider.length).toBeGreaterThan(0);
    expect(provider.every(({ opener }) => !opener)).toBe(true);
    // Every page was the forwarder's, never the server's own origin; the end stayed in the forwarder.
    expect(window.seen.every(({ url }) => !url.startsWith(server.url))).toBe(true);
    expect(window.seen.some(({ url }) => /saml_idp_credentialToken|credentialSecret/.test(decodeURIComponent(url)))).toBe(false);
  });

  it('a popup closed before signing in at the provider is a cancel', async () => {
    const server = await live.start({ sso: ['oauth'] });
    const window = popupWindow(browser, async (page) => {
      await page.waitForSelector('input[name=username]');
      await page.close();
    });
    expect(await codeOf(live.tracked({ ssoWindow: window }).client.loginWithSso({ serverUrl: server.url, serviceId: 'oauth:demo-idp' }))).toBe('sso-cancelled');
  });
});
