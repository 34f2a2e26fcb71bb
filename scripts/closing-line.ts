// `.ci/run`'s last line: `tsx scripts/closing-line.ts <npm test's exit status>`. Repeats npm test's total from
// reports/summary.txt, and turns a crash that total does not show (or a missing total) into a failure.
import { readFileSync } from 'node:fs';
import { closingLine } from './test-totals.js';

let summary: string | null;
try {
  summary = readFileSync('reports/summary.txt', 'utf8');
} catch {
  summary = null;
}
const status = Number(process.argv[2] ?? 'NaN');
console.log(closingLine(summary, Number.isInteger(status) ? status : null));
