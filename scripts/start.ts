// `npm start`: builds the app and opens it in Electron (electron-vite preview). Without an Electron binary
// (`npm ci` does not download it) that would end in a stack trace; this says in one sentence what to do instead.
import { spawn } from 'node:child_process';
import { electronExecutable } from '../e2e/fixtures/electron-target.js';

const electron = electronExecutable();
if ('missing' in electron) {
  console.error(
    `OTR Desk cannot open its window: ${electron.missing}; run \`npx install-electron\` where github.com can be ` +
      'reached, or use the app in a browser with `npm run demo -- --browser`.',
  );
  process.exit(1);
}
const child = spawn('npx', ['electron-vite', 'preview'], { stdio: 'inherit' });
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
