// The hosts' SSO windows in a real Chromium: `sightedWindow` reads every address the page arrives at, as
// Electron's window does; `popupWindow` is the browser host's own popup window and forwarder, opened as a
// script-opened popup. `drive` plays the user on the provider's page.
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM_ARGS } from '../../playwright.config.js';
import type { SsoEnd, SsoWindow } from '../../src/main/rocketchat/sso.js';
import { createPopupSsoWindow } from '../../src/main/sso-popup.js';

export const launchChromium = (): Promise<Browser> =>
  chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS, headless: true });

export type Drive = (page: Page) => Promise<void>;

/** Signs in on the identity provider's form; `close` afterwards plays the user closing the window. */
export const fillIdp = (username: string, password: string, then?: (page: Page) => Promise<void>): Drive => async (page) => {
  await page.fill('input[name=username]', username);
  await page.fill('input[name=password]', password);
  await page.click('button[type=submit]');
  await then?.(page);
};

/** The provider's form with a wrong password first (the provider says so), then the right one. */
export const wrongThenRight = (username: string): Drive => fillIdp(username, 'wrong', async (page) => {
  await page.getByRole('alert').waitFor();
  await fillIdp(username, 'demo')(page);
});

export function sightedWindow(browser: Browser, drive: Drive): SsoWindow & { visited: string[] } {
  const visited: string[] = [];
  let close: (() => void) | undefined;
  return {
    visited,
    async open(url, _size, watch) {
      const context = await browser.newContext();
      const page = await context.newPage();
      return new Promise<SsoEnd | { kind: 'closed' }>((resolve) => {
        let settled = false;
        const settle = (end: SsoEnd | { kind: 'closed' }): void => {
          if (settled) return;
          settled = true;
          resolve(end);
          void context.close();
        };
        close = () => settle({ kind: 'closed' });
        page.on('framenavigated', (frame) => {
          if (frame !== page.mainFrame()) return;
          visited.push(frame.url());
          const end = watch(frame.url());
          if (end) settle(end);
        });
        page.on('close', () => settle({ kind: 'closed' }));
        void page.goto(url).then(() => drive(page)).catch(() => undefined);
      });
    },
    abort: () => close?.(),
  };
}

/**
 * The browser host's popup: the real PopupSsoWindow (with its loopback forwarder), whose 'auth.ssoWindow' opens a
 * script-opened popup from another page, as the host's page does; the popup's closing is reported back.
 * `seen` holds every address the popup's main frame arrived at and what its opener was there.
 */
export function popupWindow(browser: Browser, drive: Drive): SsoWindow & { seen: { url: string; opener: boolean }[] } {
  const seen: { url: string; opener: boolean }[] = [];
  let context: BrowserContext | undefined;
  const window = createPopupSsoWindow((name, payload) => {
    if (name !== 'auth.ssoWindow') return;
    const { url, width, height } = payload as { url: string; width: number; height: number };
    void (async () => {
      context = await browser.newContext();
      const opener = await context.newPage();
      const [popup] = await Promise.all([
        opener.waitForEvent('popup'),
        opener.evaluate(({ href, w, h }) => {
          // Runs in the page (this file has no DOM types); the page keeps its handle, as the host's page does.
          const scope = globalThis as unknown as { open(url: string, name: string, features: string): unknown; popup?: unknown };
          scope.popup = scope.open(href, 'otrdesk-sso', `popup,width=${w},height=${h}`);
        }, { href: url, w: width, h: height }),
      ]);
      popup.on('framenavigated', (frame) => {
        if (frame !== popup.mainFrame()) return;
        void popup.evaluate(() => (globalThis as unknown as { opener: unknown }).opener !== null)
          .then((hasOpener) => seen.push({ url: frame.url(), opener: hasOpener }), () => undefined);
      });
      popup.on('close', () => window.closed());
      await drive(popup);
    })().catch(() => undefined);
  });
  return {
    seen,
    open: (url, size, watch, reach) => window.open(url, size, watch, reach).finally(() => void context?.close()),
    abort: () => window.abort(),
  };
}
