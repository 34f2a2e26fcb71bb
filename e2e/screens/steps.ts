// What a person does in the app, in their own language: every element is found by role and by the words the
// app shows that person (its own string catalogue), so the same steps drive the English and the Dutch UI.
import { expect, type Locator } from '@playwright/test';
import { eventCount, waitForAppEvent } from '../fixtures/app-events.js';
import type { StringKey } from '../../src/renderer/src/i18n/index.js';
import type { LocalizedClient } from './localized-clients.js';

/** Fills the sign-in form and submits it, without waiting for the outcome. */
export async function submitCredentials(c: LocalizedClient, serverUrl: string, user: string, password: string): Promise<void> {
  const { page, t } = c;
  await page.getByLabel(t('login.server')).fill(serverUrl);
  await page.getByLabel(t('login.user')).fill(user);
  await page.getByLabel(t('login.password'), { exact: true }).fill(password);
  await page.getByRole('button', { name: t('login.submit') }).click();
}

export async function signIn(c: LocalizedClient, serverUrl: string, user: string, password = 'demo'): Promise<void> {
  const since = await eventCount(c.page);
  await submitCredentials(c, serverUrl, user, password);
  await waitForAppEvent(c.page, 'rooms.loaded', {}, { since });
  await expect(c.page.getByText(c.t('rooms.signedInAs', { user }))).toBeVisible();
}

/** A room in the sidebar, by its name (a DM shows the peer's display name, e.g. "Bob" for bob). */
export function roomButton(c: LocalizedClient, name: string): Locator {
  return c.page.getByRole('navigation', { name: c.t('rooms.title') }).getByRole('button', { name: new RegExp(`^${name}$`, 'i') });
}

/** Opens a room from the sidebar ('room.opened' fires only on a room's first opening, so wait for the UI). */
export async function openRoom(c: LocalizedClient, name: string): Promise<void> {
  const button = roomButton(c, name);
  await button.click();
  await expect(button).toHaveAttribute('aria-current', 'page');
  await expect(c.page.getByRole('main').getByRole('heading', { level: 1 })).toHaveText(new RegExp(`^(# )?${name}$`, 'i'));
}

/** Starts (or opens) the DM with `username` through the people search. */
export async function startDirect(c: LocalizedClient, username: string): Promise<void> {
  const since = await eventCount(c.page);
  await c.page.getByLabel(c.t('rooms.search')).fill(username);
  await c.page.getByRole('button', { name: c.t('rooms.startWith', { user: username }) }).click();
  await waitForAppEvent(c.page, 'room.opened', {}, { since });
}

/** The message field of the open room ("Message to Bob" / "Bericht aan Bob"). */
export function composer(c: LocalizedClient): Locator {
  const prefix = c.t('chat.composer', { room: '' });
  return c.page.getByRole('main').getByRole('textbox', { name: new RegExp(`^${prefix}`) });
}

export async function sendMessage(c: LocalizedClient, text: string): Promise<void> {
  const box = composer(c);
  await box.fill(text);
  await box.press('Enter');
  await expect(messageText(c, text)).toBeVisible();
}

export function messageText(c: LocalizedClient, text: string): Locator {
  return c.page.getByRole('region', { name: c.t('chat.messages') }).getByText(text, { exact: true });
}

export function menuButton(c: LocalizedClient): Locator {
  return c.page.getByRole('main').getByRole('button', { name: c.t('otr.menu') });
}

/** Opens the ⋮ menu of the open room and returns it. */
export async function openMenu(c: LocalizedClient): Promise<Locator> {
  await menuButton(c).click();
  const menu = c.page.getByRole('menu', { name: c.t('otr.menu') });
  await expect(menu).toBeVisible();
  return menu;
}

export async function chooseFromMenu(c: LocalizedClient, item: StringKey): Promise<void> {
  const menu = await openMenu(c);
  await menu.getByRole('menuitem', { name: c.t(item) }).click();
}

/** The state at a glance in the room header. */
export function otrStatus(c: LocalizedClient): Locator {
  return c.page.getByRole('main').getByTestId('otr-status');
}

export function dialog(c: LocalizedClient, name: string): Locator {
  return c.page.getByRole('dialog', { name });
}

/** A named strip inside the main area that is no dialog (my own waiting request). */
export function region(c: LocalizedClient, name: string): Locator {
  return c.page.getByRole('main').getByRole('region', { name });
}

export function alertDialog(c: LocalizedClient, name: string): Locator {
  return c.page.getByRole('alertdialog', { name });
}

/** A handshake may include a first key generation (seconds of DSA on a busy machine), so allow a minute. */
const OTR_STEP_MS = 60_000;

export async function waitForPhase(c: LocalizedClient, phase: string, since: number): Promise<void> {
  await waitForAppEvent(c.page, 'otr.changed', { phase }, { since, timeout: OTR_STEP_MS });
}

export async function waitForSmp(c: LocalizedClient, smp: string, since: number): Promise<void> {
  await waitForAppEvent(c.page, 'otr.changed', { smp }, { since, timeout: OTR_STEP_MS });
}

/** Opens Settings from the sidebar. */
export async function openSettings(c: LocalizedClient): Promise<Locator> {
  await c.page.getByRole('button', { name: c.t('rooms.settings') }).click();
  const screen = c.page.getByRole('main', { name: c.t('settings.title') });
  await expect(screen).toBeVisible();
  return screen;
}

/** Sets the OTR request timeout in Settings, saves, and goes back to the open conversation. */
export async function setRequestTimeout(c: LocalizedClient, seconds: number, beforeLeaving?: () => Promise<void>): Promise<void> {
  const screen = await openSettings(c);
  const since = await eventCount(c.page);
  await screen.getByLabel(c.t('settings.timeout')).fill(String(seconds));
  await screen.getByRole('button', { name: c.t('settings.save') }).click();
  await waitForAppEvent(c.page, 'settings.changed', {}, { since });
  await expect(screen.getByText(c.t('settings.saved'))).toBeVisible();
  await beforeLeaving?.();
  await screen.getByRole('button', { name: c.t('settings.back') }).click();
  await expect(screen).toBeHidden();
}

export { eventCount };
