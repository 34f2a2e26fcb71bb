// Several servers in one app: alice signs in to two local servers, is in a private chat with bob on one and
// with carol on the other at the same time, sees which server has unread messages, keeps chatting when the
// other server dies, and removing that server deletes only its data. The IPC audit runs per account too.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { startServer } from '../server/index.js';
import { expect, test, type LocalServer } from './fixtures/two-users.js';
import { goPrivate } from './steps/otr.js';
import { expectNeverStored } from './steps/people.js';
import { addServer, messageText, otrStatus, sendMessage, signIn, startChat } from './steps/ui.js';

test.setTimeout(300_000);

const rail = (page: Page) => page.getByRole('navigation', { name: 'Servers' });
const hostOf = (server: LocalServer) => new URL(server.url).host;
/** A server's button in the rail: its accessible name starts with the host and goes on with unread / state. */
const serverButton = (page: Page, server: LocalServer) => rail(page).getByRole('button', { name: new RegExp(`^${hostOf(server).replace(/\./g, '\\.')}`) });

function accountList(profileDir: string): { order: string[]; activeId: string } {
  return JSON.parse(readFileSync(join(profileDir, 'accounts.json'), 'utf8')) as { order: string[]; activeId: string };
}

test('alice on two servers: private with bob on one and carol on the other at once; one server dies, the other chat goes on; removing it deletes only its data', async ({ server, openClient }) => {
  const second = await startServer({ port: 0, seed: 'demo' });
  try {
    const [alice, bob, carol] = await Promise.all([openClient('alice'), openClient('bob'), openClient('carol')]);
    await Promise.all([signIn(alice.page, server.url, 'alice'), signIn(bob.page, server.url, 'bob'), signIn(carol.page, second.url, 'carol')]);

    // A second server: the same sign-in screen, from the rail.
    await addServer(alice.page, second.url, 'alice');
    await expect(rail(alice.page).getByRole('listitem')).toHaveCount(2);
    await expect(serverButton(alice.page, second)).toHaveAttribute('aria-current', 'true');

    // Private with carol on the second server…
    await startChat(alice.page, 'alice', carol.page, 'carol');
    await goPrivate(alice.page, carol.page);

    // …and, at the same time, with bob on the first (Ctrl+1).
    await alice.page.keyboard.press('Control+1');
    await expect(serverButton(alice.page, server)).toHaveAttribute('aria-current', 'true');
    await expect(serverButton(alice.page, server)).toBeFocused();
    await startChat(alice.page, 'alice', bob.page, 'bob');
    await goPrivate(alice.page, bob.page);

    // carol writes while alice looks at the first server: the badge is on the second server, named by it.
    await sendMessage(carol.page, 'carol, privately');
    await expect(serverButton(alice.page, second)).toHaveAccessibleName(`${hostOf(second)}, 1 unread`);
    await expect(serverButton(alice.page, server)).toHaveAccessibleName(hostOf(server));
    await alice.page.keyboard.press('Control+2');
    await expect(messageText(alice.page, 'carol, privately')).toBeVisible();
    await expect(otrStatus(alice.page)).toHaveText(/^Private, /);
    await expect(serverButton(alice.page, second)).toHaveAccessibleName(hostOf(second));
    await alice.page.keyboard.press('Control+1');
    await expect(otrStatus(alice.page)).toHaveText(/^Private, /);

    // The second server dies: its mark shows, and the chat with bob on the first goes on, privately.
    const ids = accountList(alice.host.profileDir).order;
    await second.close();
    await expect(serverButton(alice.page, second)).toHaveAccessibleName(`${hostOf(second)}, not connected`);
    await sendMessage(alice.page, 'still here, bob');
    await expect(messageText(bob.page, 'still here, bob')).toBeVisible();
    await sendMessage(bob.page, 'and so am I');
    await expect(messageText(alice.page, 'and so am I')).toBeVisible();
    expectNeverStored(server, 'still here, bob', 'and so am I', 'carol, privately');

    // Removing the second server: the confirmation says what goes, and only its folder goes.
    await alice.page.keyboard.press('Control+2');
    await rail(alice.page).getByRole('button', { name: `Options for ${hostOf(second)}` }).click();
    await alice.page.getByRole('menuitem', { name: 'Remove this server…' }).click();
    const confirm = alice.page.getByRole('alertdialog', { name: `Remove ${hostOf(second)}?` });
    await expect(confirm).toContainText('your sign-in, your OTR identity key there and your trust store there');
    await confirm.getByRole('button', { name: 'Remove server' }).click();
    await expect(serverButton(alice.page, second)).toHaveCount(0);
    await expect(otrStatus(alice.page)).toHaveText(/^Private, /);

    const [first, removed] = ids as [string, string];
    expect(accountList(alice.host.profileDir).order).toEqual([first]);
    expect(existsSync(join(alice.host.profileDir, 'accounts', removed))).toBe(false);
    const kept = readdirSync(join(alice.host.profileDir, 'accounts', first, 'secrets'));
    expect(kept.some((name) => name.startsWith('otr-identity'))).toBe(true);
    expect(kept.some((name) => name.startsWith('otr-trust'))).toBe(true);

    // The IPC audit (run by the fixture on every frame) covered both accounts: calls and events named each.
    const frames = readFileSync(alice.host.auditFile, 'utf8').split('\n');
    for (const id of ids) {
      expect(frames.some((frame) => frame.includes(`"account":"${id}"`)), `frames of account ${id}`).toBe(true);
    }
  } finally {
    await second.close();
  }
});
