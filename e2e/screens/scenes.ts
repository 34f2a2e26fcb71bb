// The screens, in the order a user meets them. Each scene brings the clients to a state, asserts that the screen
// shows what its name claims (in the client's language), and hands it to the ScreenBook.
import { expect } from '@playwright/test';
import { totpCode } from '../../server/index.js';
import type { LocalServer } from '../fixtures/two-users.js';
import type { LocalizedClient, Outage } from './fixtures.js';
import type { ScreenBook } from './screen-book.js';
import {
  alertDialog,
  chooseFromMenu,
  composer,
  dialog,
  eventCount,
  messageText,
  openMenu,
  openRoom,
  openSettings,
  otrStatus,
  region,
  sendMessage,
  setRequestTimeout,
  signIn,
  startDirect,
  submitCredentials,
  waitForPhase,
  waitForSmp,
} from './steps.js';
import { templatePattern, type Words } from './words.js';

export const TOTP_USER = { username: 'dana', password: 'dana-password', name: 'Dana', totpSecret: 'JBSWY3DPEHPK3PXP' };

export interface Cast {
  alice: LocalizedClient;
  bob: LocalizedClient;
  words: Words;
  book: ScreenBook;
}

/** Login, a wrong password, and the code step of an account with two-factor sign-in. */
export async function signInScreens(alice: LocalizedClient, book: ScreenBook, serverUrl: string): Promise<void> {
  const { page, t } = alice;
  await expect(page.getByRole('heading', { name: t('login.title') })).toBeVisible();
  await book.take(alice, '01-login');

  await submitCredentials(alice, serverUrl, 'alice', 'not-my-password');
  await expect(page.getByRole('alert')).toHaveText(t('login.error.wrong-credentials'));
  await book.take(alice, '02-login-error');

  await submitCredentials(alice, serverUrl, TOTP_USER.username, TOTP_USER.password);
  await expect(page.getByRole('heading', { name: t('login.totpTitle') })).toBeVisible();
  await page.getByRole('textbox', { name: t('login.totpCode'), exact: true }).fill(totpCode(TOTP_USER.totpSecret));
  await book.take(alice, '03-totp');
  await page.getByRole('button', { name: t('login.back') }).click();
  await expect(page.getByRole('heading', { name: t('login.title') })).toBeVisible();
}

/** Both signed in; a plain conversation; the ⋮ menu in the DM and in a channel. */
export async function plainChat({ alice, bob, words, book }: Cast, serverUrl: string): Promise<void> {
  const { page, t } = alice;
  await Promise.all([signIn(alice, serverUrl, 'alice'), signIn(bob, serverUrl, 'bob')]);
  await startDirect(alice, 'bob');
  await sendMessage(alice, words.hello);
  await openRoom(bob, 'alice');
  await expect(messageText(bob, words.hello)).toBeVisible();
  await sendMessage(bob, words.reply);
  await expect(messageText(alice, words.reply)).toBeVisible();
  await sendMessage(alice, words.lead);
  await expect(otrStatus(alice)).toHaveText(t('otr.state.idle'));
  await book.take(alice, '04-chat');

  const menu = await openMenu(alice);
  await expect(menu.getByRole('menuitem', { name: t('otr.start') })).not.toHaveAttribute('aria-disabled', 'true');
  await book.take(alice, '05-menu-direct');
  await page.keyboard.press('Escape');
  await expect(menu).toBeHidden();

  await openRoom(alice, 'general');
  const channelMenu = await openMenu(alice);
  await expect(channelMenu.getByRole('menuitem', { name: t('otr.start') })).toHaveAttribute('aria-disabled', 'true');
  await expect(channelMenu).toContainText(t('otr.onlyDirect'));
  await book.take(alice, '06-menu-channel');
  await page.keyboard.press('Escape');
  await openRoom(alice, 'bob');
}

/** The server goes away: the banner counts down to the next attempt; back online after "Reconnect now". */
export async function reconnecting({ alice, bob, book }: Cast, outage: Outage): Promise<LocalServer> {
  const { page, t } = alice;
  await outage.begin();
  // Wait until the backoff has grown to a few seconds, so the countdown is what the picture shows.
  const countdown = templatePattern(t('connection.reconnecting'), { seconds: '(?:[3-9]|\\d{2,})' });
  await expect(page.getByRole('status').getByText(countdown)).toBeVisible({ timeout: 30_000 });
  await book.take(alice, '07-reconnecting');

  const server = await outage.end();
  for (const c of [alice, bob]) {
    // The natural retry may win the race with the click; either way the banner must go.
    await c.page.getByRole('button', { name: c.t('connection.reconnectNow') }).click({ timeout: 5_000 }).catch(() => undefined);
  }
  for (const c of [alice, bob]) {
    await expect(c.page.getByRole('button', { name: c.t('connection.reconnectNow') })).toBeHidden({ timeout: 30_000 });
  }
  return server;
}

/**
 * alice asks (waiting), bob sees the request and looks away (timed out); alice asks again and bob says No
 * (declined). In that order: after bob's No, alice's next request opens no dialog at bob for a while.
 */
export async function requestScreens({ alice, bob, book }: Cast): Promise<void> {
  const { t } = alice;
  // The shortest wait Settings allows, so the request runs out while bob looks away.
  await setRequestTimeout(alice, 10);
  await chooseFromMenu(alice, 'otr.start');
  const waiting = region(alice, t('otr.waiting.title', { user: 'Bob' }));
  await expect(waiting).toContainText(t('otr.waiting.body', { user: 'Bob' }));
  const request = alertDialog(bob, bob.t('otr.incoming.title'));
  await expect(request).toContainText(bob.t('otr.incoming.body', { user: 'Alice' }));
  await book.take(alice, '08-waiting-for-peer');
  await book.take(bob, '09-incoming-request');
  const timedOut = dialog(alice, t('otr.timedOut.title'));
  await expect(timedOut).toContainText(t('otr.timedOut.body', { user: 'Bob' }), { timeout: 30_000 });
  await expect(request, 'the withdrawn request closes at bob too').toBeHidden();
  await book.take(alice, '11-timed-out');
  await timedOut.getByRole('button', { name: t('app.close') }).click();
  await expect(timedOut).toBeHidden();
  await setRequestTimeout(alice, 60);

  await chooseFromMenu(alice, 'otr.start');
  await request.getByRole('button', { name: bob.t('otr.no') }).click();
  const declined = dialog(alice, t('otr.declined.title'));
  await expect(declined).toContainText(t('otr.declined.body', { user: 'Bob' }));
  await book.take(alice, '10-declined');
  await declined.getByRole('button', { name: t('app.close') }).click();
  await expect(declined).toBeHidden();
}

/** Yes (from the asked-again line): both private, private messages both ways (never stored readable), the header says so. */
export async function privateChat({ alice, bob, words, book }: Cast, server: LocalServer): Promise<void> {
  const aliceSince = await eventCount(alice.page);
  const bobSince = await eventCount(bob.page);
  await chooseFromMenu(alice, 'otr.start');
  // bob said No moments ago (requestScreens): no dialog this time, a line in the chat from which he starts.
  await expect(bob.page.getByText(bob.t('notice.otr-asked-again', { user: 'Alice' }))).toBeVisible();
  await expect(alertDialog(bob, bob.t('otr.incoming.title'))).toBeHidden();
  await book.take(bob, '11b-asked-again');
  await bob.page.getByRole('button', { name: bob.t('chat.askedAgain.start') }).click();
  await waitForPhase(alice, 'private', aliceSince);
  await waitForPhase(bob, 'private', bobSince);
  await sendMessage(alice, words.private1);
  await expect(messageText(bob, words.private1)).toBeVisible();
  await sendMessage(bob, words.private2);
  await expect(messageText(alice, words.private2)).toBeVisible();
  await expect(otrStatus(alice)).toHaveText(alice.t('otr.state.unverified'));
  const stored = server.records.messages().map((m) => m.msg).join('\n');
  expect(stored, 'the server holds only OTR wire text for private messages').not.toContain(words.private1);
  expect(stored).not.toContain(words.private2);
  await book.take(alice, '12-private-chat');
}

/** The fingerprint screen with its QR code; a check with a question, answered right at bob; the result. */
export async function verifyScreens({ alice, bob, words, book }: Cast): Promise<void> {
  const { t } = alice;
  await chooseFromMenu(alice, 'otr.verify');
  const verify = dialog(alice, t('fp.title', { user: 'Bob' }));
  await expect(verify.getByRole('img', { name: t('fp.qr', { user: 'Bob' }) })).toBeVisible();
  await expect(verify).toContainText(t('fp.notVerified'));
  await book.take(alice, '13-fingerprint');

  const aliceSince = await eventCount(alice.page);
  const bobSince = await eventCount(bob.page);
  const panel = verify.getByRole('region', { name: t('smp.title') });
  await panel.getByRole('radio', { name: t('smp.modeQuestion') }).check();
  await panel.getByRole('textbox', { name: t('smp.question') }).fill(words.question);
  await panel.getByRole('textbox', { name: t('smp.answer') }).fill(words.answer);
  await panel.getByRole('button', { name: t('smp.start') }).click();
  const asked = dialog(bob, bob.t('smp.askedTitle', { user: 'Alice' }));
  // SMP's first step is big-number maths in the engine's worker: allow for a busy machine.
  await expect(asked).toContainText(bob.t('smp.askedQuestion', { user: 'Alice', question: words.question }), { timeout: 30_000 });
  await book.take(bob, '14-smp-question');
  await asked.getByRole('textbox', { name: bob.t('smp.answer') }).fill(words.answer);
  await asked.getByRole('button', { name: bob.t('smp.send') }).click();
  await waitForSmp(alice, 'succeeded', aliceSince);
  await waitForSmp(bob, 'succeeded', bobSince);
  const result = panel.getByRole('status');
  await expect(result).toHaveText(t('smp.succeeded', { user: 'Bob' }));
  await result.scrollIntoViewIfNeeded();
  await book.take(alice, '15-smp-result');
  await verify.getByRole('button', { name: t('app.close'), exact: true }).click();
  await expect(verify).toBeHidden();
  await expect(otrStatus(alice)).toHaveText(t('otr.state.verified'));
}

/** bob ends the private chat: alice must confirm before she can write again. */
export async function peerEnded({ alice, bob, book }: Cast): Promise<void> {
  const { t } = alice;
  const aliceSince = await eventCount(alice.page);
  await chooseFromMenu(bob, 'otr.end');
  const ended = alertDialog(alice, t('otr.ended.title'));
  await expect(ended).toContainText(t('otr.ended.body', { user: 'Bob' }));
  await expect(composer(alice)).toBeDisabled();
  await book.take(alice, '16-peer-ended');
  await ended.getByRole('button', { name: t('otr.ended.confirm') }).click();
  await waitForPhase(alice, 'idle', aliceSince);
}

/** bob comes back on a new device (a new key): alice, who verified the old key, is warned before anything is sent. */
export async function keyChanged({ alice, book }: Cast, bobOnNewDevice: LocalizedClient): Promise<void> {
  const { t } = alice;
  await openRoom(bobOnNewDevice, 'alice');
  const aliceSince = await eventCount(alice.page);
  await chooseFromMenu(alice, 'otr.start');
  await alertDialog(bobOnNewDevice, bobOnNewDevice.t('otr.incoming.title'))
    .getByRole('button', { name: bobOnNewDevice.t('otr.yes') })
    .click();
  await waitForPhase(alice, 'key-changed', aliceSince);
  const warning = alertDialog(alice, t('otr.keyChanged.title', { user: 'Bob' }));
  await expect(warning).toContainText(t('otr.keyChanged.previous'));
  await expect(warning).toContainText(t('otr.keyChanged.new'));
  await expect(composer(alice)).toBeDisabled();
  await book.take(alice, '17-key-changed');
}

/** Settings: language, request timeout, own fingerprint and the fingerprints alice knows. */
export async function settingsScreen({ alice, book }: Cast): Promise<void> {
  const { t } = alice;
  const screen = await openSettings(alice);
  await expect(screen.getByRole('button', { name: t('fp.copyOwn') })).toBeVisible();
  await expect(screen.getByRole('button', { name: t('fp.forgetNamed', { user: 'bob' }) }).first()).toBeVisible();
  await book.take(alice, '18-settings');
  await screen.getByRole('button', { name: t('settings.back') }).click();
  await expect(screen).toBeHidden();
}
