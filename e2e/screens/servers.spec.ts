// The server rail, in English and in Dutch: screenshots and axe checks of two servers side by side (one with
// unread messages, one not connected), adding a server, and the removal confirmation; and the rail by keyboard:
// Ctrl+1…9 switches and focuses, Tab reaches the rail, the removal dialog keeps focus and Escape cancels it.
import { startServer } from '../../server/index.js';
import { expect, test, type LocalizedClient } from './fixtures.js';
import { expectFocusTrapped, tabStops, tabTo } from './keyboard.js';
import { ScreenBook } from './screen-book.js';
import { sendMessage, signIn, startDirect } from './steps.js';

const rail = (c: LocalizedClient) => c.page.getByRole('navigation', { name: c.t('rail.label') });
const serverButton = (c: LocalizedClient, url: string) =>
  rail(c).getByRole('button', { name: new RegExp(`^${new URL(url).host.replace(/\./g, '\\.')}`) });

for (const language of ['en', 'nl'] as const) {
  test(`${language}: the server rail — two servers, unread and not connected, add and remove — by mouse and keyboard, axe clean`, async ({
    server,
    openLocalized,
  }, testInfo) => {
    test.setTimeout(240_000);
    const second = await startServer({ port: 0, seed: 'demo' });
    const book = new ScreenBook(testInfo);
    try {
      const [alice, bob] = await Promise.all([openLocalized('alice', language), openLocalized('bob', language)]);
      const { page, t } = alice;
      await Promise.all([signIn(alice, server.url, 'alice'), signIn(bob, second.url, 'bob')]);

      // Adding a server: the same sign-in screen, next to the rail.
      await rail(alice).getByRole('button', { name: t('rail.add') }).click();
      await expect(page.getByRole('heading', { name: t('login.title') })).toBeVisible();
      await expect(rail(alice).getByRole('button', { name: t('rail.newServer'), exact: true })).toHaveAttribute('aria-current', 'true');
      await book.take(alice, '19-add-server');
      await signIn(alice, second.url, 'alice');

      // bob writes to alice on the second server while she looks at the first (Ctrl+1, by keyboard).
      await page.keyboard.press('Control+1');
      await expect(serverButton(alice, server.url)).toBeFocused();
      await startDirect(bob, 'alice');
      await sendMessage(bob, 'over here');
      const unread = t('rail.unread', { count: 1 });
      await expect(serverButton(alice, second.url)).toHaveAccessibleName(`${new URL(second.url).host}, ${unread}`);
      await second.close();
      await expect(serverButton(alice, second.url)).toHaveAccessibleName(`${new URL(second.url).host}, ${unread}, ${t('rail.disconnected')}`);
      await book.take(alice, '20-servers');

      // The rail by keyboard: Tab reaches it; Ctrl+2 switches and focuses the second server.
      await tabTo(page, rail(alice).getByRole('button', { name: t('rail.add') }));
      await page.keyboard.press('Control+2');
      await expect(serverButton(alice, second.url)).toBeFocused();
      await expect(serverButton(alice, second.url)).toHaveAttribute('aria-current', 'true');

      // Removing: the options menu by keyboard, the confirmation keeps focus, Escape deletes nothing.
      const options = rail(alice).getByRole('button', { name: t('rail.options', { server: new URL(second.url).host }) });
      await tabTo(page, options);
      await page.keyboard.press('ArrowDown');
      const remove = page.getByRole('menuitem', { name: t('rail.remove') });
      for (let i = 0; i < 3 && !(await remove.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Enter');
      const confirm = page.getByRole('alertdialog', { name: t('rail.removeTitle', { server: new URL(second.url).host }) });
      await expect(confirm).toContainText(t('rail.removeBody', { server: new URL(second.url).host }));
      await expect(confirm.getByRole('button', { name: t('app.cancel') })).toBeFocused();
      await book.take(alice, '21-remove-server');
      await expectFocusTrapped(page, confirm, (await tabStops(confirm)) + 1);
      await page.keyboard.press('Escape');
      await expect(confirm).toBeHidden();
      await expect(rail(alice).getByRole('listitem')).toHaveCount(2);
    } finally {
      await book.attachReport();
      await second.close();
    }
  });
}
