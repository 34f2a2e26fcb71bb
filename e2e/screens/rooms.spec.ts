// What real rooms hold, in English and Dutch, against the server's #showcase: a thread in its panel (loaded, and
// a reply), pictures drawn through main (shown, and one uploaded), a Rocket.Chat E2E room, a group DM whose ⋮
// cannot start OTR, and a read-only room. Screenshots for the book, axe on each.
import { samplePng } from '../../server/store/sample-files.js';
import { expect, test } from './fixtures.js';
import { ScreenBook } from './screen-book.js';
import { composer, messageText, openMenu, openRoom, signIn } from './steps.js';

test.use({ serverOptions: { seedShowcase: true } });

for (const language of ['en', 'nl'] as const) {
  test(`${language}: #showcase, a thread, pictures, an E2E room, a group DM and a read-only room`, async ({ server, openLocalized }, testInfo) => {
    test.setTimeout(180_000);
    const book = new ScreenBook(testInfo);
    const alice = await openLocalized('alice', language);
    const { page, t } = alice;
    try {
      await signIn(alice, server.url, 'alice');
      await openRoom(alice, 'showcase');
      const room = page.getByRole('region', { name: t('chat.messages') });

      // A picture in the room, drawn from an address main answers with alice's credentials.
      const harbour = room.getByRole('img', { name: t('files.picture', { name: 'harbour.png' }) });
      await harbour.scrollIntoViewIfNeeded();
      await expect(harbour).toBeVisible();
      await expect.poll(() => harbour.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(240);
      await expect(room.getByRole('button', { name: t('files.downloadNamed', { name: 'agenda.pdf' }) })).toBeVisible();

      // The thread: its replies stay out of the room, except the one shown there too; "2 replies" opens it.
      await expect(messageText(alice, 'Friday works for me')).toHaveCount(0);
      await expect(messageText(alice, 'Me too, 12:30?')).toBeVisible();
      await room.getByRole('button', { name: new RegExp(`^${t('thread.replies', { count: 2 })}`) }).click();
      const panel = page.getByRole('complementary', { name: t('thread.title') });
      await expect(panel.getByText('Friday works for me', { exact: true })).toBeVisible();
      await panel.getByRole('textbox', { name: t('thread.composer') }).fill('I will book a table');
      await panel.getByRole('textbox', { name: t('thread.composer') }).press('Enter');
      await expect(panel.getByText('I will book a table', { exact: true })).toBeVisible();
      await expect(messageText(alice, 'I will book a table')).toHaveCount(0);
      await expect(room.getByRole('button', { name: new RegExp(`^${t('thread.replies', { count: 3 })}`) })).toBeVisible();
      await book.take(alice, '25-showcase-thread');
      await panel.getByRole('button', { name: t('thread.close') }).click();

      // Uploading a picture: progress, then the message with the picture, drawn like any other.
      await page.locator('input[type=file]').setInputFiles({ name: 'upload.png', mimeType: 'image/png', buffer: samplePng(120, 80) });
      const uploaded = room.getByRole('img', { name: t('files.picture', { name: 'upload.png' }) });
      await expect(uploaded).toBeVisible();
      await expect.poll(() => uploaded.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(120);
      await expect(page.getByRole('progressbar')).toHaveCount(0);
      await book.take(alice, '26-picture');

      // A Rocket.Chat E2E room: what the messages are, and why nothing can be written here.
      await openRoom(alice, 'carol');
      await expect(room.getByText(t('chat.e2e'))).toBeVisible();
      await expect(page.getByRole('main').getByText(t('chat.blocked.e2e'))).toBeVisible();
      await expect(composer(alice)).toBeDisabled();
      await book.take(alice, '27-e2e-room');
      const e2eMenu = await openMenu(alice);
      await expect(e2eMenu.getByRole('menuitem', { name: new RegExp(t('otr.start')) })).toBeDisabled();
      await expect(e2eMenu.getByText(t('otr.notInE2e'))).toBeVisible();
      await page.keyboard.press('Escape');

      // A group DM: all names, and OTR is between two people only.
      // Its name lists the others in the server's order (by user id).
      await openRoom(alice, '(?:bob, carol|carol, bob)');
      await expect(messageText(alice, 'Hi both, this is a group DM')).toBeVisible();
      const menu = await openMenu(alice);
      const item = menu.getByRole('menuitem', { name: new RegExp(t('otr.start')) });
      await expect(item).toBeDisabled();
      await expect(menu.getByText(t('otr.onlyTwo'))).toBeVisible();
      await book.take(alice, '28-group-dm-menu');
      await page.keyboard.press('Escape');

      // A read-only room: the composer says why it is disabled.
      await openRoom(alice, 'announcements');
      await expect(page.getByRole('main').getByText(t('chat.blocked.read-only'))).toBeVisible();
      await expect(composer(alice)).toBeDisabled();
    } finally {
      await book.attachReport();
    }
  });
}
