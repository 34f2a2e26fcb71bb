// Every screen and dialog, in English and in Dutch: a screenshot of each (docs/screenshots/<lang>/ with
// UPDATE_SCREENSHOTS=1, else the test output) and an axe check that allows no serious or critical violation.
// One pair of clients walks through all of it, so each profile generates its OTR key once.
import { test } from './fixtures.js';
import {
  keyChanged,
  peerEnded,
  plainChat,
  privateChat,
  reconnecting,
  requestScreens,
  settingsScreen,
  signInScreens,
  TOTP_USER,
  verifyScreens,
  type Cast,
} from './scenes.js';
import { ScreenBook } from './screen-book.js';
import { signIn } from './steps.js';
import { WORDS } from './words.js';

for (const language of ['en', 'nl'] as const) {
  test(`${language}: every screen and dialog is screenshotted and has no serious accessibility violations`, async ({
    server,
    outage,
    openLocalized,
  }, testInfo) => {
    test.setTimeout(240_000);
    server.createUser(TOTP_USER);
    const book = new ScreenBook(testInfo);
    const [alice, bob] = await Promise.all([openLocalized('alice', language), openLocalized('bob', language)]);
    const cast: Cast = { alice, bob, words: WORDS[language], book };
    try {
      await signInScreens(alice, book, server.url);
      await plainChat(cast, server.url);
      const live = await reconnecting(cast, outage);
      // bob's second device (a fresh profile, so a new key) starts now and waits, not signed in, for the key scene.
      const newDevice = openLocalized('bob-new-device', language);
      newDevice.catch(() => undefined);
      await requestScreens(cast);
      await privateChat(cast, live);
      await verifyScreens(cast);
      await peerEnded(cast);
      // Before the key warning: its modal dialog covers the sidebar's Settings button, as it should.
      await settingsScreen(cast);

      await bob.quit();
      const bobOnNewDevice = await newDevice;
      await signIn(bobOnNewDevice, live.url, 'bob');
      await keyChanged(cast, bobOnNewDevice);
    } finally {
      await book.attachReport();
    }
  });
}
