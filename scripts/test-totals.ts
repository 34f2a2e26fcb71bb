// How `npm test` counts: one tally per step or suite, and the closing line `N passed, N failed, N skipped` that CI
// reads. Pure, so the counting is tested with fixture reports (tests/foundation/test-totals.test.ts).
// A suite that exits non-zero is a failure even when its report shows none: an error thrown outside any test,
// a crashed worker or a reporter that never wrote its file must not let the run go green.

export interface Tally {
  label: string;
  passed: number;
  failed: number;
  skipped: number;
  /** Why a failure was added that the report itself does not show. */
  note?: string;
}

/** spawnSync's status: null when the process was killed by a signal or could not start. */
export type ExitStatus = number | null;

const exitNote = (status: ExitStatus): string =>
  status === null ? 'it did not exit normally (killed, or it could not start)' : `it exited with status ${status}`;

/** A step with no report of its own (typecheck, lint, build): one check. */
export function stepTally(label: string, status: ExitStatus): Tally {
  return status === 0
    ? { label, passed: 1, failed: 0, skipped: 0 }
    : { label, passed: 0, failed: 1, skipped: 0, note: exitNote(status) };
}

/** Adds one failure when the process failed but its report does not say so. */
function withExit(tally: Tally, status: ExitStatus): Tally {
  if (status === 0 || tally.failed > 0) return tally;
  return { ...tally, failed: tally.failed + 1, note: `${exitNote(status)} with no failed test in its report` };
}

interface VitestReport {
  numPassedTests?: number;
  numFailedTests?: number;
  numPendingTests?: number;
  numTodoTests?: number;
  testResults?: { status?: string; assertionResults?: { status?: string }[] }[];
}

/** vitest's JSON report (vitest 4: no runtime-error count; errors outside tests show only in the exit status). */
export function vitestTally(report: unknown, status: ExitStatus): Tally {
  const r = asObject(report) as VitestReport | null;
  if (!r || typeof r.numPassedTests !== 'number') {
    return { label: 'vitest', passed: 0, failed: 1, skipped: 0, note: `no JSON report; ${exitNote(status)}` };
  }
  // A test file that fails to load has no failed test in it, but it is a failure all the same.
  const brokenFiles = (r.testResults ?? []).filter(
    (file) => file.status === 'failed' && (file.assertionResults ?? []).every((a) => a.status !== 'failed'),
  ).length;
  return withExit(
    {
      label: 'vitest',
      passed: r.numPassedTests,
      failed: (r.numFailedTests ?? 0) + brokenFiles,
      skipped: (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0),
    },
    status,
  );
}

interface PlaywrightReport {
  stats?: { expected?: number; unexpected?: number; flaky?: number; skipped?: number };
  errors?: unknown[];
}

/** Playwright's JSON report. A flaky test (failed, then passed on retry) counts as failed: it failed once. */
export function playwrightTally(report: unknown, status: ExitStatus): Tally {
  const r = asObject(report) as PlaywrightReport | null;
  if (!r?.stats) return { label: 'playwright', passed: 0, failed: 1, skipped: 0, note: `no JSON report; ${exitNote(status)}` };
  const { expected = 0, unexpected = 0, flaky = 0, skipped = 0 } = r.stats;
  // Errors outside any test (global setup, a spec that fails to load) are listed apart from the stats.
  const outside = r.errors?.length ?? 0;
  return withExit({ label: 'playwright', passed: expected, failed: unexpected + flaky + outside, skipped }, status);
}

export function tallyLine(t: Tally): string {
  return `${t.label}: ${t.passed} passed, ${t.failed} failed, ${t.skipped} skipped${t.note ? ` (${t.note})` : ''}`;
}

/** The closing line over every tally. */
export function totalLine(tallies: readonly Tally[]): string {
  const sum = (key: 'passed' | 'failed' | 'skipped'): number => tallies.reduce((n, t) => n + t[key], 0);
  return `${sum('passed')} passed, ${sum('failed')} failed, ${sum('skipped')} skipped`;
}

const TOTAL = /^(\d+) passed, (\d+) failed, (\d+) skipped$/;

/**
 * The last line CI prints: the summary's own total, unless `npm test` failed (or crashed before writing it)
 * while that total shows no failure; then at least one failure.
 */
export function closingLine(summary: string | null, status: ExitStatus): string {
  const last = summary?.trimEnd().split('\n').at(-1) ?? '';
  const match = TOTAL.exec(last);
  if (!match) return '0 passed, 1 failed, 0 skipped';
  const [, passed, failed, skipped] = match;
  if (status !== 0 && failed === '0') return `${passed} passed, 1 failed, ${skipped} skipped`;
  return last;
}

function asObject(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}
