// Stand-ins for the hosts' SSO windows, in a real Chromium: `sightedWindow` reads every address the page
// arrives at, as Electron's window does; `popupWindow` is a script-opened popup whose address cannot be read, as
// in the browser host, and only says when it closed. `drive` plays the user on the provider's page.
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM_ARGS } from '../../playwright.config.js';
import type { SsoEnd, SsoWindow } from '../../src/main/rocketchat/sso.js';

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

export function sightedWindow(browser: Browser, drive: Drive): SsoWindow & { visited: string[] } {
  const visited: string[] = [];
  let close: (() => void) | undefined;
  return {
    blind: false,
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

export function popupWindow(browser: Browser, drive: Drive): SsoWindow {
  let close: (() => void) | undefined;
  return {
    blind: true,
    async open(url, size) {
      const context = await browser.newContext();
      const opener = await context.newPage();
      const [popup] = await Promise.all([
        opener.waitForEvent('popup'),
        opener.evaluate(({ href, width, height }) => {
          // Runs in the page (this file has no DOM types).
          (globalThis as unknown as { open(url: string, name: string, features: string): unknown }).open(href, 'otrdesk-sso', `popup,width=${width},height=${height}`);
        }, { href: url, ...size }),
      ]);
      return new Promise((resolve) => {
        const settle = (): void => {
          resolve({ kind: 'closed' });
          void context.close();
        };
        close = settle;
        popup.on('close', settle);
        void drive(popup).catch(() => undefined);
      });
    },
    abort: () => close?.(),
  };
}
