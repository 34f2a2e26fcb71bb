// `npm test`: typecheck, lint, build, unit/integration (vitest) and end-to-end (Playwright) suites.
// Ends with one plain line `N passed, N failed` over every suite, because CI reads only that line.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';

const reports = 'reports';
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });

const env = { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' };
const lines = [];
let passed = 0;
let failed = 0;

function run(label, command, args, extraEnv = {}) {
  console.log(`\n=== ${label}: ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...env, ...extraEnv } });
  return result.status === 0;
}

function count(label, p, f) {
  passed += p;
  failed += f;
  lines.push(`${label}: ${p} passed, ${f} failed`);
}

function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return null;
  }
}

const only = process.argv.slice(2);
const wants = (step) => only.length === 0 || only.includes(step);

if (wants('typecheck')) {
  const ok = run('typecheck', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.node.json']) &&
    run('typecheck (renderer)', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.web.json']) &&
    run('typecheck (e2e)', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.e2e.json']);
  count('typecheck', ok ? 1 : 0, ok ? 0 : 1);
}
if (wants('lint')) {
  const ok = run('lint', 'npx', ['eslint', '--max-warnings', '0', '.']);
  count('lint', ok ? 1 : 0, ok ? 0 : 1);
}
let built = true;
if (wants('build') || wants('e2e')) {
  built = run('build', 'npx', ['electron-vite', 'build']);
  count('build', built ? 1 : 0, built ? 0 : 1);
}
if (wants('unit')) {
  run('unit and integration (vitest)', 'npx',
    ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile=${reports}/vitest.json`], { NO_COLOR: '1' });
  const report = readJson(`${reports}/vitest.json`);
  if (report) count('vitest', report.numPassedTests, report.numFailedTests + (report.numRuntimeErrors ?? 0) + failedSuites(report));
  else count('vitest', 0, 1);
}
if (wants('e2e')) {
  if (!built) {
    count('playwright', 0, 1);
  } else {
    run('end-to-end (playwright)', 'npx', ['playwright', 'test']);
    const report = readJson(`${reports}/pw.json`);
    if (report?.stats) count('playwright', report.stats.expected, report.stats.unexpected + report.stats.flaky);
    else count('playwright', 0, 1);
  }
}

/** A test file that fails to load has no failed test in it, but it is a failure all the same. */
function failedSuites(report) {
  return (report.testResults ?? []).filter((r) => r.status === 'failed' && (r.assertionResults ?? []).every((a) => a.status !== 'failed')).length;
}

console.log('');
for (const line of lines) console.log(line);
const total = `${passed} passed, ${failed} failed`;
writeFileSync(`${reports}/summary.txt`, `${lines.join('\n')}\n${total}\n`);
console.log(total);
process.exit(failed > 0 || !existsSync(`${reports}/summary.txt`) ? 1 : 0);
