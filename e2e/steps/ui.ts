// What a person does in the app, as reusable steps. Elements are found by role and accessible name.
import { expect, type Page } from '@playwright/test';
import { eventCount, waitForAppEvent } from '../fixtures/app-events.js';

export async function signIn(page: Page, serverUrl: string, user: string, password = 'demo'): Promise<void> {
  await page.getByLabel('Server address').fill(serverUrl);
  await page.getByLabel('Username or e-mail').fill(user);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await waitForAppEvent(page, 'rooms.loaded');
  await expect(page.getByText(`Signed in as ${user}`)).toBeVisible();
}

/**
 * The code step of a sign-in: a wrong code first (the app says so in one sentence), then the one the server mailed.
 * `lastMailed` is read once the step shows: the server mails the code before it answers totp-required.
 */
export async function enterMailedCode(page: Page, lastMailed: () => string | undefined): Promise<void> {
  await expect(page.getByText('The server e-mailed you a code: enter it here.')).toBeVisible();
  const mailed = lastMailed() ?? '';
  const code = page.getByRole('textbox', { name: 'Code' });
  await code.fill(mailed === '000000' ? '111111' : '000000');
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(page.getByRole('alert')).toHaveText('That code is not correct: enter the code from the newest e-mail the server sent you.');
  await code.fill(mailed);
  await page.getByRole('button', { name: 'Verify' }).click();
}

/** + in the server rail, then the new server's sign-in form (the first server's "Signed in as" is already on record). */
export async function addServer(page: Page, serverUrl: string, user: string, password = 'demo'): Promise<void> {
  await page.getByRole('navigation', { name: 'Servers' }).getByRole('button', { name: 'Add a server' }).click();
  const since = await eventCount(page);
  await page.getByLabel('Server address').fill(serverUrl);
  await page.getByLabel('Username or e-mail').fill(user);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await waitForAppEvent(page, 'rooms.loaded', {}, { since });
  await expect(page.getByText(`Signed in as ${user}`)).toBeVisible();
}

/**
 * A DM's history is shown once the account's OTR key exists (DM text is classified by the OTR side first).
 * A fresh profile generates its DSA key at first sign-in: seconds, but much longer on a loaded machine.
 */
const FIRST_KEY_MS = 90_000;

/** Opens the DM with `peer`, starting it through the people search when it does not exist yet. */
export async function openDirect(page: Page, peer: string): Promise<void> {
  const existing = roomButton(page, peer);
  if ((await existing.count()) === 0) {
    await page.getByLabel('Find people').fill(peer);
    await page.getByRole('button', { name: `Start a chat with ${peer}` }).click();
  } else {
    await existing.click();
  }
  await waitForAppEvent(page, 'room.opened', {}, { timeout: FIRST_KEY_MS });
}

/** `from` opens the DM with `to` and says hi; `to` sees it appear and opens it too. */
export async function startChat(from: Page, fromName: string, to: Page, toName: string): Promise<void> {
  await openDirect(from, toName);
  await sendMessage(from, `hi ${toName}`);
  await openIncomingDirect(to, fromName);
}

/** Waits until the DM with `peer` appears in the room list (the other side started it), then opens it. */
export async function openIncomingDirect(page: Page, peer: string): Promise<void> {
  const room = roomButton(page, peer);
  await expect(room).toBeVisible();
  await room.click();
  await waitForAppEvent(page, 'room.opened', {}, { timeout: FIRST_KEY_MS });
}

/** A room in the list, by the peer's username or display name (the demo's display names are capitalised). */
export function roomButton(page: Page, peer: string) {
  return page.getByRole('navigation', { name: 'Conversations' }).getByRole('button', { name: new RegExp(`^${peer}$`, 'i') });
}

export async function chooseFromMenu(page: Page, item: string): Promise<void> {
  await page.getByRole('button', { name: 'Conversation options' }).click();
  await page.getByRole('menuitem', { name: item }).click();
}

export async function waitForPhase(page: Page, phase: string, since = 0): Promise<void> {
  await waitForAppEvent(page, 'otr.changed', { phase }, { since });
}

export async function sendMessage(page: Page, text: string): Promise<void> {
  const composer = page.getByRole('textbox', { name: /^Message to/ });
  await composer.fill(text);
  await composer.press('Enter');
}

/** The text of a message as shown in the open chat. */
export function messageText(page: Page, text: string) {
  return page.getByRole('region', { name: 'Messages', exact: true }).getByText(text, { exact: true });
}

/** My own request while the peer has not answered: a strip under the chat's header, with countdown and Cancel. */
export function waitingBar(page: Page, peer: string | RegExp) {
  const name = typeof peer === 'string' ? `Waiting for ${peer}` : new RegExp(`^Waiting for ${peer.source}`, peer.flags);
  return page.getByRole('main').getByRole('region', { name });
}

/** The state at a glance, in the room header (icon plus words). */
export function otrStatus(page: Page) {
  return page.getByRole('main').getByTestId('otr-status');
}

export { eventCount };

/** Settings (gear) → request timeout → Save, then back to the conversation. */
export async function setRequestTimeout(page: Page, seconds: number): Promise<void> {
  await page.getByRole('button', { name: 'Settings' }).click();
  const settings = page.getByRole('main', { name: 'Settings' });
  await settings.getByRole('spinbutton', { name: 'Wait for an answer to an encrypted chat request (seconds)' }).fill(String(seconds));
  await settings.getByRole('button', { name: 'Save settings' }).click();
  await expect(settings.getByText('Settings saved')).toBeVisible();
  await settings.getByRole('button', { name: 'Back to conversations' }).click();
  await expect(page.getByRole('region', { name: 'Messages', exact: true })).toBeVisible();
}
