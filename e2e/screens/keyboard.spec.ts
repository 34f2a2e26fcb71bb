// The main flow without a mouse: sign in, open a conversation, ⋮ → OTR, answer Yes, write privately, open Verify;
// in every dialog Tab and Shift+Tab stay inside, Escape does what the dialog promises, and focus comes back.
import { eventCount, waitForAppEvent } from '../fixtures/app-events.js';
import { expect, test, type LocalizedClient } from './fixtures.js';
import { expectFocusTrapped, tabStops, tabTo } from './keyboard.js';
import { alertDialog, composer, dialog, menuButton, messageText, region, roomButton, waitForPhase } from './steps.js';

async function signInByKeyboard(c: LocalizedClient, serverUrl: string, user: string): Promise<void> {
  const { page, t } = c;
  const since = await eventCount(page);
  await tabTo(page, page.getByLabel(t('login.server')));
  await page.keyboard.type(serverUrl);
  await page.keyboard.press('Tab');
  await expect(page.getByLabel(t('login.user'))).toBeFocused();
  await page.keyboard.type(user);
  await page.keyboard.press('Tab');
  await expect(page.getByLabel(t('login.password'), { exact: true })).toBeFocused();
  await page.keyboard.type('demo');
  await page.keyboard.press('Enter');
  await waitForAppEvent(page, 'rooms.loaded', {}, { since });
}

async function typeAndSend(c: LocalizedClient, text: string): Promise<void> {
  await tabTo(c.page, composer(c));
  await c.page.keyboard.type(text);
  await c.page.keyboard.press('Enter');
  await expect(messageText(c, text)).toBeVisible();
}

/** Opens the ⋮ menu from the keyboard and activates the item named `item`, moving with the arrow keys. */
async function menuByKeyboard(c: LocalizedClient, item: string): Promise<void> {
  const { page } = c;
  await tabTo(page, menuButton(c));
  await page.keyboard.press('ArrowDown');
  const menu = page.getByRole('menu', { name: c.t('otr.menu') });
  await expect(menu.getByRole('menuitem').first()).toBeFocused();
  const target = menu.getByRole('menuitem', { name: item });
  for (let i = 0; i < 5 && !(await target.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('ArrowDown');
  await expect(target).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(menu).toBeHidden();
}

test('the main flow works with the keyboard alone, and focus stays in each dialog', async ({ server, openLocalized }) => {
  const [alice, bob] = await Promise.all([openLocalized('alice', 'en'), openLocalized('bob', 'en')]);
  const { t } = alice;
  await Promise.all([signInByKeyboard(alice, server.url, 'alice'), signInByKeyboard(bob, server.url, 'bob')]);

  // alice finds bob with the people search and opens the conversation.
  await tabTo(alice.page, alice.page.getByLabel(t('rooms.search')));
  await alice.page.keyboard.type('bob');
  const result = alice.page.getByRole('button', { name: t('rooms.startWith', { user: 'bob' }) });
  await expect(result).toBeVisible();
  await tabTo(alice.page, result);
  const opened = await eventCount(alice.page);
  await alice.page.keyboard.press('Enter');
  await waitForAppEvent(alice.page, 'room.opened', {}, { since: opened });
  await typeAndSend(alice, 'hello from the keyboard');

  // bob opens it from his room list.
  await tabTo(bob.page, roomButton(bob, 'alice'));
  await bob.page.keyboard.press('Enter');
  await expect(messageText(bob, 'hello from the keyboard')).toBeVisible();

  // ⋮ → OTR; Cancel in the waiting strip takes focus, but the strip traps nothing (the window stays usable);
  // Escape withdraws the request and gives focus back to ⋮.
  await menuByKeyboard(alice, t('otr.start'));
  const waiting = region(alice, t('otr.waiting.title', { user: 'Bob' }));
  const cancel = waiting.getByRole('button', { name: t('app.cancel') });
  await expect(cancel).toBeFocused();
  await alice.page.keyboard.press('Tab');
  await expect(cancel).not.toBeFocused();
  await alice.page.keyboard.press('Shift+Tab');
  await expect(cancel).toBeFocused();
  await alice.page.keyboard.press('Escape');
  await expect(waiting).toBeHidden();
  await expect(menuButton(alice)).toBeFocused();
  const request = alertDialog(bob, t('otr.incoming.title'));
  await expect(request, 'the withdrawn request is gone at bob too').toBeHidden();

  // Again; bob answers from the keyboard. Yes has focus; Escape does not dismiss a question that needs an answer.
  const aliceSince = await eventCount(alice.page);
  const bobSince = await eventCount(bob.page);
  await menuByKeyboard(alice, t('otr.start'));
  await expect(request).toBeVisible();
  const yes = request.getByRole('button', { name: t('otr.yes') });
  await expect(yes).toBeFocused();
  await expectFocusTrapped(bob.page, request, (await tabStops(request)) + 1);
  await bob.page.keyboard.press('Escape');
  await expect(request).toBeVisible();
  await tabTo(bob.page, yes);
  await bob.page.keyboard.press('Enter');
  await waitForPhase(alice, 'private', aliceSince);
  await waitForPhase(bob, 'private', bobSince);
  await typeAndSend(alice, 'private, typed without a mouse');
  await expect(messageText(bob, 'private, typed without a mouse')).toBeVisible();

  // ⋮ → Verify with the arrow keys: a long dialog whose focus goes round and round; Escape closes it.
  await menuByKeyboard(alice, t('otr.verify'));
  const verify = dialog(alice, t('fp.title', { user: 'Bob' }));
  await expect(verify.getByRole('button', { name: t('fp.copyOwn') })).toBeVisible();
  await expectFocusTrapped(alice.page, verify, (await tabStops(verify)) + 2);
  await alice.page.keyboard.press('Escape');
  await expect(verify).toBeHidden();
  await expect(menuButton(alice)).toBeFocused();
});
