// Rocket.Chat's own OTR (issue 17), in English and in Dutch: alice in OTR Desk, bob on "the official app" (the
// test peer speaking the official web client's OTR) on a 7.10.0 server. The header's label, Verify's explanation
// and the per-server toggle in Settings, each screenshotted and checked with axe.
import { OfficialPeer } from '../../tests/native-peer/official-peer.js';
import { expect, test } from './fixtures.js';
import { ScreenBook } from './screen-book.js';
import { chooseFromMenu, dialog, openSettings, otrStatus, signIn, startDirect } from './steps.js';

test.use({ serverOptions: { version: '7.10.0' } });

for (const language of ['en', 'nl'] as const) {
  test(`${language}: a Rocket.Chat OTR chat with the official app — header, Verify, Settings — axe clean`, async ({ server, openLocalized }, testInfo) => {
    test.setTimeout(120_000);
    const book = new ScreenBook(testInfo);
    const alice = await openLocalized('alice', language);
    const { page, t } = alice;
    await signIn(alice, server.url, 'alice');
    await startDirect(alice, 'bob');
    const ids = Object.fromEntries(server.users().map((u) => [u.username, u._id]));
    const bob = await OfficialPeer.connect(server.url, 'bob', [ids.alice!, ids.bob!].sort().join(''), ids.alice!);
    try {
      bob.answer = 'yes';
      await chooseFromMenu(alice, 'otr.start');
      await expect(otrStatus(alice)).toHaveText(t('otr.state.native'));
      await bob.send(language === 'nl' ? 'Hoi, vanuit de officiële app' : 'Hi, from the official app');
      await expect(page.getByText(language === 'nl' ? 'Hoi, vanuit de officiële app' : 'Hi, from the official app')).toBeVisible();
      await book.take(alice, '22-native-private');

      await chooseFromMenu(alice, 'otr.verify');
      const verify = dialog(alice, t('fp.native.title'));
      await expect(verify).toBeVisible();
      await book.take(alice, '23-native-verify');
      await verify.getByRole('button', { name: t('app.close') }).click();

      const screen = await openSettings(alice);
      const own = screen.getByRole('group', { name: t('settings.accountSection', { server: new URL(server.url).host }) });
      await expect(own.getByRole('checkbox', { name: t('settings.nativeOtr') })).toBeChecked();
      await own.getByRole('checkbox', { name: t('settings.nativeOtr') }).focus();
      await book.take(alice, '24-native-setting');
    } finally {
      bob.close();
      await book.attachReport();
    }
  });
}
