// Desktop notifications with several servers, in the browser host: main's notifier (the one Electron uses)
// says what to show, the page shows it with the Web Notification API while its window is not focused. alice is
// on two servers, private with bob on one and carol on the other; each notification names the right server,
// holds no private text, and a click opens the right server and chat.
import type { Page } from '@playwright/test';
import { startServer } from '../server/index.js';
import { eventCount, waitForAppEvent } from './fixtures/app-events.js';
import { expect, test, type LocalServer } from './fixtures/two-users.js';
import { answerRequest, goPrivate } from './steps/otr.js';
import { addServer, chooseFromMenu, messageText, otrStatus, sendMessage, signIn, startChat } from './steps/ui.js';

test.setTimeout(300_000);

interface Shown {
  title: string;
  body: string;
}

/**
 * Notifications are allowed, and every one the page shows is recorded (the real Notification still runs).
 * Headless pages always count as focused, so the test says when alice's window is in the background.
 */
async function captureNotifications(page: Page): Promise<void> {
  await page.context().grantPermissions(['notifications'], { origin: new URL(page.url()).origin });
  await page.addInitScript(() => {
    const w = window as unknown as { __shown: { title: string; body: string; n: Notification }[]; __focused: boolean };
    w.__shown = [];
    w.__focused = true;
    document.hasFocus = () => w.__focused;
    window.Notification = class extends window.Notification {
      constructor(title: string, options?: NotificationOptions) {
        super(title, options);
        w.__shown.push({ title, body: options?.body ?? '', n: this });
      }
    };
  });
  await page.reload();
}

const setFocused = (page: Page, focused: boolean) =>
  page.evaluate((value) => ((window as unknown as { __focused: boolean }).__focused = value), focused);
const shown = (page: Page) =>
  page.evaluate(() => (window as unknown as { __shown: Shown[] }).__shown.map(({ title, body }) => ({ title, body })));
const click = (page: Page, index: number) =>
  page.evaluate((i) => (window as unknown as { __shown: { n: Notification }[] }).__shown[i]?.n.dispatchEvent(new Event('click')), index);

const hostOf = (server: LocalServer) => new URL(server.url).host;
const serverButton = (page: Page, server: LocalServer) =>
  page.getByRole('navigation', { name: 'Servers' }).getByRole('button', { name: new RegExp(`^${hostOf(server).replace(/\./g, '\\.')}`) });
const composer = (page: Page) => page.getByRole('textbox', { name: /^Message to/ });

test('notifications name the server they come from, hold no private text, and a click opens that server and chat', async ({ server, openClient }) => {
  const second = await startServer({ port: 0, seed: 'demo' });
  try {
    const [alice, bob, carol] = await Promise.all([openClient('alice'), openClient('bob'), openClient('carol')]);
    await captureNotifications(alice.page);
    await Promise.all([signIn(alice.page, server.url, 'alice'), signIn(bob.page, server.url, 'bob'), signIn(carol.page, second.url, 'carol')]);
    await addServer(alice.page, second.url, 'alice');

    // Private with carol on the second server; the chat with bob on the first exists, not private yet.
    await startChat(alice.page, 'alice', carol.page, 'carol');
    await goPrivate(alice.page, carol.page);
    await alice.page.keyboard.press('Control+1');
    await expect(serverButton(alice.page, server)).toHaveAttribute('aria-current', 'true');
    await startChat(alice.page, 'alice', bob.page, 'bob');

    // While alice's window is in front, nothing pops up (she sees the unread badge instead).
    await alice.page.keyboard.press('Control+2');
    await expect(serverButton(alice.page, second)).toHaveAttribute('aria-current', 'true');
    const since = await eventCount(alice.page);
    await sendMessage(bob.page, 'plain hello');
    await expect(serverButton(alice.page, server)).toHaveAccessibleName(`${hostOf(server)}, 1 unread`);
    await waitForAppEvent(alice.page, 'chat.message', { own: false, kind: 'text' }, { since });
    // The host sends a message's notification right after the message: a call answered after both has seen it.
    await alice.page.evaluate(() => (window as unknown as { otrDesk: { settings: { get(): Promise<unknown> } } }).otrDesk.settings.get());

    // In the background: bob asks for an encrypted chat on the first server.
    await setFocused(alice.page, false);
    await chooseFromMenu(bob.page, 'OTR');
    await expect.poll(() => shown(alice.page)).toEqual([{ title: `Bob — ${hostOf(server)}`, body: 'Bob wants to start an encrypted chat.' }]);
    // Its click brings alice to the first server, in the chat with bob, where she answers.
    await click(alice.page, 0);
    await expect(serverButton(alice.page, server)).toHaveAttribute('aria-current', 'true');
    await expect(composer(alice.page)).toHaveAccessibleName(/Bob/);
    await answerRequest(alice.page, 'Yes');
    await expect(otrStatus(alice.page)).toHaveText(/^Private, /);

    // carol writes privately on the second server: named by that server, and "Encrypted message", never the text.
    await sendMessage(carol.page, 'carol, privately');
    await expect.poll(async () => (await shown(alice.page)).length).toBe(2);
    expect((await shown(alice.page))[1]).toEqual({ title: `Carol — ${hostOf(second)}`, body: 'Encrypted message' });
    await click(alice.page, 1);
    await expect(serverButton(alice.page, second)).toHaveAttribute('aria-current', 'true');
    await expect(composer(alice.page)).toHaveAccessibleName(/Carol/);
    await expect(messageText(alice.page, 'carol, privately')).toBeVisible();

    // bob writes privately on the first server while alice reads carol: named by the first server.
    await sendMessage(bob.page, 'bob, privately');
    await expect.poll(async () => (await shown(alice.page)).length).toBe(3);
    expect((await shown(alice.page))[2]).toEqual({ title: `Bob — ${hostOf(server)}`, body: 'Encrypted message' });
    const everything = JSON.stringify(await shown(alice.page));
    for (const secret of ['carol, privately', 'bob, privately']) expect(everything).not.toContain(secret);
  } finally {
    await second.close();
  }
});
