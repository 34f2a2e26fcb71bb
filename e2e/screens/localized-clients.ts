// Clients whose browser speaks a given language, as a Dutch or an English user's system would: the Chromium
// context's locale sets navigator.language, which the renderer follows when no language is chosen in Settings.
// The shared fixture (../fixtures/two-users.ts) always opens 'en-US' contexts, so this one opens its own, the same
// way: one browser-host process and one context per client, logs attached on failure, the IPC audit afterwards.
import type { Page, TestInfo } from '@playwright/test';
import { existsSync, readFileSync } from 'node:fs';
import { recordAppEvents } from '../fixtures/app-events.js';
import { ELECTRON_TARGET } from '../fixtures/electron-target.js';
import { startHostProcess, type HostProcess } from '../fixtures/host-process.js';
import { auditIpc } from '../fixtures/ipc-audit.js';
import { expect, test as base } from '../fixtures/two-users.js';
import type { Language, Translate } from '../../src/renderer/src/i18n/index.js';
import { staticTranslator as translator } from '../../src/renderer/src/i18n/catalogs.js';

export type { Language };

const LOCALES: Readonly<Record<Language, string>> = { en: 'en-US', nl: 'nl-NL' };

export interface LocalizedClient {
  name: string;
  language: Language;
  page: Page;
  /** The app's own words in this client's language, so steps find elements as its user reads them. */
  t: Translate;
  /** Stops the host process and closes the page (the profile stays, like quitting the app). */
  quit(): Promise<void>;
}

interface Opened {
  client: LocalizedClient;
  host: HostProcess;
}

async function attachOnFailure(testInfo: TestInfo, opened: Opened[], consoleLog: string[]): Promise<void> {
  if (testInfo.status === testInfo.expectedStatus) return;
  for (const { client, host } of opened) {
    if (!client.page.isClosed()) {
      await testInfo.attach(`${client.name}-screenshot`, { body: await client.page.screenshot(), contentType: 'image/png' });
    }
    if (existsSync(host.logFile)) {
      await testInfo.attach(`${client.name}-host.log`, { body: readFileSync(host.logFile), contentType: 'text/plain' });
    }
  }
  await testInfo.attach('browser-console.log', { body: consoleLog.join('\n'), contentType: 'text/plain' });
}

export const test = base.extend<{ openLocalized: (name: string, language: Language) => Promise<LocalizedClient> }>({
  openLocalized: async ({ browser, workDir }, use, testInfo) => {
    testInfo.skip(ELECTRON_TARGET, 'screens are taken through the browser host, where the system language can be chosen per client');
    const opened: Opened[] = [];
    const consoleLog: string[] = [];
    await use(async (name, language) => {
      const host = await startHostProcess(name, workDir);
      const context = await browser.newContext({
        viewport: { width: 1280, height: 800 },
        locale: LOCALES[language],
        colorScheme: 'light',
      });
      const page = await context.newPage();
      page.on('console', (msg) => consoleLog.push(`[${name}] ${msg.type()}: ${msg.text()}`));
      page.on('pageerror', (err) => consoleLog.push(`[${name}] pageerror: ${err.message}`));
      await recordAppEvents(page);
      await page.goto(host.url);
      const client: LocalizedClient = {
        name,
        language,
        page,
        t: translator(language),
        quit: async () => {
          if (!page.isClosed()) await context.close();
          await host.stop();
        },
      };
      opened.push({ client, host });
      return client;
    });
    await attachOnFailure(testInfo, opened, consoleLog);
    for (const { client } of opened) await client.quit().catch(() => undefined);
    // The IPC audit: no OTR wire text and no key material reached any renderer while the screens were taken.
    for (const { client, host } of opened) {
      const { frames, findings } = auditIpc(host.auditFile);
      // Soft: the test is marked failed at once, so the work folder fixture (torn down next) keeps the evidence.
      expect.soft(findings, `${client.name}: forbidden content crossed IPC`).toEqual([]);
      expect.soft(frames, `${client.name}: the audit saw no IPC traffic`).toBeGreaterThan(0);
    }
  },
});

export { expect };
