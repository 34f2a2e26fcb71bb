// One screen = one screenshot + one axe check. The screenshot always gets taken; it lands in docs/screenshots
// only with UPDATE_SCREENSHOTS=1 (so a normal test run leaves the tree clean), otherwise in the test's output.
// The axe check always runs: any 'serious' or 'critical' violation fails the test (soft, so one run lists all).
import AxeBuilder from '@axe-core/playwright';
import { expect, type TestInfo } from '@playwright/test';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LocalizedClient } from './localized-clients.js';

const DOCS_SCREENSHOTS = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));
const BLOCKING = new Set(['serious', 'critical']);

export interface AxeFinding {
  screen: string;
  rule: string;
  impact: string;
  help: string;
  targets: string[];
}

export function screenshotPath(testInfo: TestInfo, language: string, screen: string): string {
  const file = join(language, `${screen}.png`);
  return process.env.UPDATE_SCREENSHOTS === '1' ? join(DOCS_SCREENSHOTS, file) : testInfo.outputPath(file);
}

export class ScreenBook {
  private readonly findings: AxeFinding[] = [];
  private readonly taken: { path: string; atMs: number; axeMs: number }[] = [];
  private readonly startedAt = Date.now();

  constructor(private readonly testInfo: TestInfo) {}

  /** Screenshots what `c` sees now and checks it with axe. Call it once the screen shows what its name claims. */
  async take(c: LocalizedClient, screen: string): Promise<void> {
    const { page } = c;
    // The screen is in the client's language (the renderer sets <html lang> to the language it shows).
    await expect(page.locator('html')).toHaveAttribute('lang', c.language);
    const path = screenshotPath(this.testInfo, c.language, screen);
    mkdirSync(dirname(path), { recursive: true });
    await page.screenshot({ path, animations: 'disabled', caret: 'hide' });

    const axeStart = Date.now();
    const result = await new AxeBuilder({ page }).analyze();
    this.taken.push({ path, atMs: axeStart - this.startedAt, axeMs: Date.now() - axeStart });
    const found = result.violations.map((v) => ({
      screen: `${c.language}/${screen}`,
      rule: v.id,
      impact: v.impact ?? 'unknown',
      help: v.help,
      targets: v.nodes.map((n) => n.target.join(' ')),
    }));
    this.findings.push(...found);
    const blocking = found.filter((f) => BLOCKING.has(f.impact)).map((f) => `${f.rule} (${f.impact}): ${f.help} at ${f.targets.join(', ')}`);
    expect.soft(blocking, `${c.language}/${screen}: serious or critical accessibility violations`).toEqual([]);
  }

  /** Writes every axe finding (minor and moderate ones too) and the screenshots taken to the test's output. */
  async attachReport(): Promise<void> {
    const path = this.testInfo.outputPath('axe-findings.json');
    writeFileSync(path, JSON.stringify({ screenshots: this.taken, findings: this.findings }, null, 2));
    await this.testInfo.attach('axe-findings.json', { path, contentType: 'application/json' });
  }
}
