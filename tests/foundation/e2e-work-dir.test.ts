import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { finishWorkDir, newAuditFile } from '../../e2e/fixtures/work-dir.js';

function workDirWithProfile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'otrdesk-e2e-test-'));
  writeFileSync(join(dir, 'alice-ipc-audit.jsonl'), '{}\n');
  return dir;
}

describe('the e2e work folder (profiles with keys and tokens, audits, logs)', () => {
  it('is removed after a test that went as expected', () => {
    const dir = workDirWithProfile();
    const lines: string[] = [];
    expect(finishWorkDir(dir, { status: 'passed', expectedStatus: 'passed', annotations: [] }, (l) => lines.push(l))).toBe(false);
    expect(existsSync(dir)).toBe(false);
    expect(lines).toEqual([]);
  });

  it('is kept after a failed or timed-out test, and the test says where', () => {
    for (const status of ['failed', 'timedOut', 'interrupted']) {
      const dir = workDirWithProfile();
      const lines: string[] = [];
      const outcome = { status, expectedStatus: 'passed', annotations: [] as { type: string; description?: string }[] };
      expect(finishWorkDir(dir, outcome, (l) => lines.push(l))).toBe(true);
      expect(existsSync(dir)).toBe(true);
      expect(outcome.annotations).toEqual([{ type: 'work folder kept', description: dir }]);
      expect(lines.join('\n')).toContain(dir);
    }
  });

  it('gives every start of a client its own audit file, since the app refuses an existing one', () => {
    const dir = workDirWithProfile();
    expect(newAuditFile(dir, 'alice')).toBe(join(dir, 'alice-2-ipc-audit.jsonl'));
    expect(newAuditFile(dir, 'bob')).toBe(join(dir, 'bob-ipc-audit.jsonl'));
  });
});
