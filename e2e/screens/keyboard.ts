// Keyboard-only helpers: move focus with Tab the way a person would, and check where it is.
import { expect, type Locator, type Page } from '@playwright/test';

/** What has focus, for failure messages: tag, role and accessible name as far as the DOM tells. */
function describeFocus(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return 'nothing (body)';
    const name = el.getAttribute('aria-label') ?? (el.textContent ?? '').trim().slice(0, 40);
    return `<${el.tagName.toLowerCase()} role=${el.getAttribute('role') ?? '-'}> "${name}"`;
  });
}

function hasFocus(target: Locator): Promise<boolean> {
  return target.evaluate((el) => el === document.activeElement);
}

/** Presses Tab (or Shift+Tab) until `target` has focus; fails if it is not reached within `max` presses. */
export async function tabTo(page: Page, target: Locator, options: { back?: boolean; max?: number } = {}): Promise<void> {
  await expect(target).toBeVisible();
  const key = options.back ? 'Shift+Tab' : 'Tab';
  const max = options.max ?? 40;
  for (let i = 0; i < max; i++) {
    if (await hasFocus(target)) return;
    await page.keyboard.press(key);
  }
  if (await hasFocus(target)) return;
  throw new Error(`${key} never reached the target within ${max} presses; focus is on ${await describeFocus(page)}`);
}

/** Tab and Shift+Tab, `presses` times each, never take focus out of `dialog`. */
export async function expectFocusTrapped(page: Page, dialog: Locator, presses: number): Promise<void> {
  for (const key of ['Tab', 'Shift+Tab']) {
    for (let i = 0; i < presses; i++) {
      await page.keyboard.press(key);
      const inside = await dialog.evaluate((d) => d.contains(document.activeElement) && d !== document.activeElement);
      expect(inside, `after ${i + 1} × ${key} the focus left the dialog: ${await describeFocus(page)}`).toBe(true);
    }
  }
}

/** How many elements inside `root` take part in Tab order, so a trap check can go round it more than once. */
export function tabStops(root: Locator): Promise<number> {
  return root.evaluate(
    (el) =>
      el.querySelectorAll('a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])')
        .length,
  );
}
