// `npm test`: typecheck, lint, build, unit/integration (vitest) and end-to-end (Playwright) suites.
// Ends with one plain line `N passed, N failed, N skipped` over every suite, because CI reads only that line.
// The counting rules live in ./test-totals.ts; any step or suite that exits non-zero fails the run.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { playwrightTally, stepTally, tallyLine, totalLine, vitestTally, type ExitStatus, type Tally } from './test-totals.js';

const reports = 'reports';
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });

const env = { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' };
const tallies: Tally[] = [];

function run(label: string, command: string, args: string[], extraEnv: Record<string, string> = {}): ExitStatus {
  console.log(`\n=== ${label}: ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...env, ...extraEnv } });
  return result.status;
}

function readJson(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return null;
  }
}

/** Runs commands in order until one fails; the status of the last one run. */
function runAll(steps: [label: string, args: string[]][]): ExitStatus {
  for (const [label, args] of steps) {
    const status = run(label, 'npx', args);
    if (status !== 0) return status;
  }
  return 0;
}

const only = process.argv.slice(2);
const wants = (step: string): boolean => only.length === 0 || only.includes(step);

if (wants('typecheck')) {
  tallies.push(stepTally('typecheck', runAll([
    ['typecheck', ['tsc', '--noEmit', '-p', 'tsconfig.node.json']],
    ['typecheck (renderer)', ['tsc', '--noEmit', '-p', 'tsconfig.web.json']],
    ['typecheck (e2e)', ['tsc', '--noEmit', '-p', 'tsconfig.e2e.json']],
  ])));
}
if (wants('lint')) tallies.push(stepTally('lint', run('lint', 'npx', ['eslint', '--max-warnings', '0', '.'])));
let built = true;
if (wants('build') || wants('e2e')) {
  const build = stepTally('build', run('build', 'npx', ['electron-vite', 'build']));
  built = build.failed === 0;
  tallies.push(build);
}
if (wants('unit')) {
  const status = run('unit and integration (vitest)', 'npx',
    ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile=${reports}/vitest.json`], { NO_COLOR: '1' });
  tallies.push(vitestTally(readJson(`${reports}/vitest.json`), status));
}
if (wants('e2e')) {
  if (!built) {
    tallies.push({ label: 'playwright', passed: 0, failed: 1, skipped: 0, note: 'not run: the build failed' });
  } else {
    const status = run('end-to-end (playwright)', 'npx', ['playwright', 'test']);
    tallies.push(playwrightTally(readJson(`${reports}/pw.json`), status));
  }
}

const lines = tallies.map(tallyLine);
const total = totalLine(tallies);
console.log('');
for (const line of lines) console.log(line);
writeFileSync(`${reports}/summary.txt`, `${lines.join('\n')}\n${total}\n`);
console.log(total);
process.exit(tallies.some((t) => t.failed > 0) ? 1 : 0);
