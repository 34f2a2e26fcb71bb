// Issue 19, the first seconds: the window shows a loading state before any script has run, the app replaces it,
// and a part split off the first screen (Settings) still opens when first used, fetched only then. Verify and its
// QR code, split the same way, are opened by otr-verify.spec.ts and tests/renderer/lazy-features.test.tsx.
import type { Page } from '@playwright/test';
import { ELECTRON_TARGET } from './fixtures/electron-target.js';
import { expect, test } from './fixtures/two-users.js';
import { signIn } from './steps/ui.js';

/** The scripts the page has fetched so far, by file name. */
async function scriptsFetched(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    performance
      .getEntriesByType('resource')
      .filter((entry) => (entry as PerformanceResourceTiming).initiatorType === 'script' || entry.name.endsWith('.js'))
      .map((entry) => entry.name.split('/').pop() ?? ''),
  );
}

test('a loading splash shows without any script, and the app replaces it with the sign-in screen', async ({ browser, openClient }) => {
  const { page } = await openClient('alice');
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
  await expect(page.locator('.boot-splash')).toHaveCount(0);

  test.skip(ELECTRON_TARGET, 'a page without scripts needs the browser host');
  const noScript = await browser.newContext({ javaScriptEnabled: false });
  try {
    const bare = await noScript.newPage();
    await bare.goto(page.url());
    const splash = bare.getByRole('status');
    await expect(splash).toBeVisible();
    await expect(splash).toContainText('OTR Desk');
  } finally {
    await noScript.close();
  }
});

test('Settings is fetched when first opened, after sign-in, and opens', async ({ server, openClient }) => {
  const { page } = await openClient('alice');
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
  const beforeSignIn = await scriptsFetched(page);
  await signIn(page, server.url, 'alice');

  await page.getByRole('button', { name: 'Settings' }).click();
  await expect(page.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Language' })).toBeVisible();
  const later = (await scriptsFetched(page)).filter((name) => !beforeSignIn.includes(name));
  expect(beforeSignIn.some((name) => name.startsWith('SettingsScreen-'))).toBe(false);
  expect(later.some((name) => name.startsWith('SettingsScreen-'))).toBe(true);
});

test('the window fetches only the language it speaks; choosing Dutch in Settings switches at once and holds after a reload', async ({ server, openClient }) => {
  const { page } = await openClient('alice');
  await signIn(page, server.url, 'alice');
  const english = await scriptsFetched(page);
  expect(english.some((name) => name.startsWith('en-'))).toBe(true);
  expect(english.some((name) => name.startsWith('nl-'))).toBe(false);

  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByRole('combobox', { name: 'Language' }).selectOption('nl');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByRole('heading', { name: 'Instellingen', level: 1 })).toBeVisible();

  // Reloaded, the first screen after the splash is Dutch: the setting is read before the first render.
  await page.reload();
  await expect(page.getByRole('button', { name: 'Instellingen' })).toBeVisible();
  const reloaded = await scriptsFetched(page);
  expect(reloaded.some((name) => name.startsWith('nl-'))).toBe(true);
  expect(reloaded.some((name) => name.startsWith('en-'))).toBe(false);
});
