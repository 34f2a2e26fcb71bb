// OTR steps as a person does them: ask, answer, verify, check with a secret. Found by role and name only.
import { expect, type Locator, type Page } from '@playwright/test';
import { eventCount, waitForAppEvent } from '../fixtures/app-events.js';
import { chooseFromMenu, otrStatus, waitForPhase } from './ui.js';

/** The peer's request, as the Yes / No dialog shows it. */
export function requestDialog(page: Page): Locator {
  return page.getByRole('alertdialog', { name: 'Encrypted chat' });
}

/** `asker` chooses ⋮ → OTR, `answerer` says Yes; both end private and not yet verified. */
export async function goPrivate(asker: Page, answerer: Page): Promise<void> {
  const askerSince = await eventCount(asker);
  const answererSince = await eventCount(answerer);
  await chooseFromMenu(asker, 'OTR');
  await answerRequest(answerer, 'Yes');
  await waitForPhase(asker, 'private', askerSince);
  await waitForPhase(answerer, 'private', answererSince);
  await expect(otrStatus(asker)).toHaveText(/^Private, /);
  await expect(otrStatus(answerer)).toHaveText(/^Private, /);
}

/** Waits for the peer's request and answers it. */
export async function answerRequest(page: Page, answer: 'Yes' | 'No'): Promise<void> {
  const request = requestDialog(page);
  await expect(request).toContainText(/wants to start an encrypted chat\. Accept\?/);
  await request.getByRole('button', { name: answer }).click();
  await expect(request).toBeHidden();
}

/** ⋮ → Verify: the fingerprint screen of the open DM. */
export async function openVerify(page: Page): Promise<Locator> {
  await chooseFromMenu(page, 'Verify');
  const screen = page.getByRole('dialog', { name: /^Verify / });
  await expect(screen.getByRole('region', { name: 'Your fingerprint' })).toBeVisible();
  return screen;
}

export async function closeVerify(screen: Locator): Promise<void> {
  await screen.getByRole('button', { name: 'Close', exact: true }).click();
  await expect(screen).toBeHidden();
}

/** A fingerprint as the screen shows it (5 groups of 8 hex digits), read back as 40 digits. */
export async function readFingerprint(scope: Locator | Page, label: string | RegExp): Promise<string> {
  const block = scope.getByRole('region', { name: label });
  await expect(block).toContainText(/[0-9A-F]{8}/);
  const text = await block.innerText();
  const groups = /(?:[0-9A-F]{8}\s*){5}/.exec(text);
  if (!groups) throw new Error(`no fingerprint shown under ${String(label)}: ${text}`);
  return groups[0].replace(/\s+/g, '');
}

/** Starts a check with a secret from the open Verify screen: question and answer, or a shared secret. */
export async function startSmp(screen: Locator, check: { question: string; answer: string } | { secret: string }): Promise<void> {
  const panel = screen.getByRole('region', { name: 'Check with a secret' });
  if ('question' in check) {
    await panel.getByRole('radio', { name: 'Question and answer' }).check();
    await panel.getByRole('textbox', { name: 'Question' }).fill(check.question);
    await panel.getByRole('textbox', { name: 'Answer' }).fill(check.answer);
  } else {
    await panel.getByRole('radio', { name: 'Shared secret' }).check();
    await panel.getByRole('textbox', { name: 'Shared secret' }).fill(check.secret);
  }
  await panel.getByRole('button', { name: 'Start check' }).click();
}

/** The dialog in which the peer's check is answered. */
export function smpAnswerDialog(page: Page): Locator {
  return page.getByRole('dialog', { name: /wants to check your identity$/ });
}

export async function answerSmp(page: Page, answer: string, field: 'Answer' | 'Shared secret' = 'Answer'): Promise<void> {
  const dialog = smpAnswerDialog(page);
  await dialog.getByRole('textbox', { name: field }).fill(answer);
  await dialog.getByRole('button', { name: 'Send answer' }).click();
  await expect(dialog).toBeHidden();
}

/** The result line of the check, in the Verify screen. */
export function smpResult(screen: Locator): Locator {
  return screen.getByRole('region', { name: 'Check with a secret' }).getByRole('status');
}

/** Waits until the room's check ended with `phase` ('succeeded', 'failed', …). */
export async function waitForSmp(page: Page, phase: string, since: number): Promise<void> {
  await waitForAppEvent(page, 'otr.changed', { smp: phase }, { since });
}
