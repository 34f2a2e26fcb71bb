// Issue 16: the sign-in screen's options come from the server (LDAP, SSO services), and each SSO kind signs in
// against the local server (--sso) through its provider's page in a real Chromium window.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeOf, liveScope } from './live-helpers.js';
import { fillIdp, launchChromium, popupWindow, sightedWindow } from './sso-windows.js';

const live = liveScope();
let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser.close();
});

describe('what the sign-in screen offers', () => {
  it('reads LDAP and the SSO services, listing only what this host\'s window can finish', async () => {
    const server = await live.start({ ldap: true, sso: ['saml', 'cas', 'oauth'] });
    const sighted = await live.tracked({ ssoWindow: sightedWindow(browser, async () => undefined) }).client.loginOptions(server.url);
    expect(sighted).toEqual({
      serverUrl: server.url, ldap: true, passwordForm: true, ssoElsewhere: 0,
      sso: [
        { id: 'saml', kind: 'saml', label: 'Demo IdP (SAML)' },
        { id: 'cas', kind: 'cas', label: 'Demo IdP (CAS)' },
        { id: 'oauth:demo-idp', kind: 'oauth', label: 'Demo IdP (OAuth)' },
      ],
    });
    const blind = await live.tracked({ ssoWindow: popupWindow(browser, async () => undefined) }).client.loginOptions(server.url);
    expect(blind).toMatchObject({ sso: [{ id: 'cas' }], ssoElsewhere: 2 });
    const plain = await live.start({});
    expect(await live.tracked().client.loginOptions(plain.url)).toEqual({ serverUrl: plain.url, ldap: false, passwordForm: true, sso: [], ssoElsewhere: 0 });
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
    expect((await client.login({ serverUrl: server.url, user: 'alice', password: 'demo' })).kind).toBe('signed-in');
    expect(asked.filter((url) => url.includes('/settings.')).map((url) => new URL(url).pathname)).toEqual(['/api/v1/settings.public', '/api/v1/settings.oauth']);
  });
});

describe('signing in through SSO', () => {
  it.each([
    ['saml', 'alice'],
    ['cas', 'bob'],
    ['oauth:demo-idp', 'carol'],
  ])('%s: the provider\'s page (a wrong password first) ends with a token the client signs in with', async (serviceId, user) => {
    const server = await live.start({ sso: ['saml', 'cas', 'oauth'] });
    const window = sightedWindow(browser, fillIdp(user, 'wrong', async (page) => {
      await page.getByRole('alert').waitFor();
      await fillIdp(user, 'demo')(page);
    }));
    const { client } = live.tracked({ ssoWindow: window });
    const outcome = await client.loginWithSso({ serverUrl: server.url, serviceId });
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

describe('the browser host\'s popup (it cannot read the provider\'s address)', () => {
  it('CAS: the page closes itself after the ticket, and the client signs in with its own token', async () => {
    const server = await live.start({ sso: ['cas'] });
    const { client } = live.tracked({ ssoWindow: popupWindow(browser, fillIdp('bob', 'demo')) });
    const outcome = await client.loginWithSso({ serverUrl: server.url, serviceId: 'cas' });
    expect(outcome.kind === 'signed-in' && outcome.session.me?.username).toBe('bob');
  });

  it('CAS: a popup closed before signing in at the provider is a cancel', async () => {
    const server = await live.start({ sso: ['cas'] });
    const window = popupWindow(browser, async (page) => {
      await page.waitForSelector('input[name=username]');
      await page.close();
    });
    expect(await codeOf(live.tracked({ ssoWindow: window }).client.loginWithSso({ serverUrl: server.url, serviceId: 'cas' }))).toBe('sso-cancelled');
  });
});
