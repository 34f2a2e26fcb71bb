// npm test's counting, over real reports: vitest 4 and Playwright wrote these (tests/fixtures/test-totals).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  closingLine, playwrightTally, stepTally, tallyLine, totalLine, vitestTally,
} from '../../scripts/test-totals.js';
import { interopVerdict } from '../interop/libotr-peer.js';

const fixture = (name: string): unknown => JSON.parse(readFileSync(`tests/fixtures/test-totals/${name}.json`, 'utf8'));

describe('npm test totals', () => {
  it('fail a vitest run that passed every test but exited non-zero (an error thrown outside any test)', () => {
    const tally = vitestTally(fixture('vitest-crash-outside-tests'), 1);
    expect(tally).toMatchObject({ passed: 1, failed: 1, skipped: 2 });
    expect(tallyLine(tally)).toBe('vitest: 1 passed, 1 failed, 2 skipped (it exited with status 1 with no failed test in its report)');
  });

  it('count skipped and to-do tests as skipped, never as passed', () => {
    expect(vitestTally(fixture('vitest-crash-outside-tests'), 0)).toEqual({ label: 'vitest', passed: 1, failed: 0, skipped: 2 });
  });

  it('count a test file that fails to load as a failure beside its failed tests', () => {
    expect(vitestTally(fixture('vitest-failed-and-broken-files'), 1)).toMatchObject({ passed: 1, failed: 2, skipped: 0 });
  });

  it('fail a suite whose report is missing or not a report, whatever its exit status', () => {
    expect(vitestTally(null, 0)).toMatchObject({ passed: 0, failed: 1 });
    expect(vitestTally({ numRuntimeErrors: 0 }, null)).toMatchObject({ passed: 0, failed: 1 });
    expect(playwrightTally(null, 0)).toMatchObject({ passed: 0, failed: 1 });
  });

  it('count Playwright skips as skipped and a flaky test as failed', () => {
    expect(playwrightTally(fixture('playwright-flaky-and-skipped'), 0)).toEqual({ label: 'playwright', passed: 1, failed: 1, skipped: 2 });
  });

  it('fail a Playwright run with errors outside any test, or that crashed', () => {
    const clean = { stats: { expected: 3, unexpected: 0, flaky: 0, skipped: 0 }, errors: [] };
    expect(playwrightTally({ ...clean, errors: [{ message: 'spec failed to load' }] }, 1)).toMatchObject({ passed: 3, failed: 1 });
    expect(playwrightTally(clean, null)).toMatchObject({ passed: 3, failed: 1 });
    expect(playwrightTally(clean, 0)).toMatchObject({ passed: 3, failed: 0 });
  });

  it('end with one line over every step and suite', () => {
    const tallies = [
      stepTally('typecheck', 0),
      stepTally('lint', 2),
      vitestTally(fixture('vitest-crash-outside-tests'), 0),
      playwrightTally(fixture('playwright-flaky-and-skipped'), 0),
    ];
    expect(totalLine(tallies)).toBe('3 passed, 2 failed, 4 skipped');
  });

  it('let CI\'s last line show a failure whenever npm test failed or crashed', () => {
    const summary = 'typecheck: 1 passed, 0 failed, 0 skipped\n9 passed, 0 failed, 1 skipped\n';
    expect(closingLine(summary, 0)).toBe('9 passed, 0 failed, 1 skipped');
    expect(closingLine(summary, 1)).toBe('9 passed, 1 failed, 1 skipped');
    expect(closingLine(summary, null)).toBe('9 passed, 1 failed, 1 skipped');
    expect(closingLine('9 passed, 2 failed, 0 skipped\n', 1)).toBe('9 passed, 2 failed, 0 skipped');
    expect(closingLine(null, 1)).toBe('0 passed, 1 failed, 0 skipped');
    expect(closingLine('9 passed, 0 failed\n', 0)).toBe('0 passed, 1 failed, 0 skipped');
  });

  it('make the libotr interop suite fail under CI=true when libotr or the compiler is missing, and skip elsewhere', () => {
    const missing = { skip: 'no C compiler (spawnSync cc ENOENT)' };
    expect(interopVerdict(missing, { CI: 'true' })).toBe('fail');
    expect(interopVerdict(missing, {})).toBe('skip');
    expect(interopVerdict({ path: '/tmp/libotr-peer' }, { CI: 'true' })).toBe('run');
  });
});
