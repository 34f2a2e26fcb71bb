// `npm run demo`: two local servers with the demo seed, and three clients: alice signed in to both (two servers
// in her rail), bob on the first, carol on the second.
// Electron windows where an Electron binary is installed; `--browser` (or no binary) uses the browser host.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { electronExecutable } from '../e2e/fixtures/electron-target.js';
import { startServer } from '../server/index.js';

const { values } = parseArgs({
  options: {
    browser: { type: 'boolean', default: false },
    port: { type: 'string', default: '3300' },
    // e.g. 7.10.0: a server that still has Rocket.Chat's own OTR (the official apps' protocol) next to OTR v3.
    'server-version': { type: 'string', default: '8.0.0' },
  },
});

console.log('Building the app…');
if (spawnSync('npx', ['electron-vite', 'build'], { stdio: ['ignore', 'ignore', 'inherit'] }).status !== 0) {
  console.error('The build failed; see the errors above.');
  process.exit(1);
}

const version = values['server-version'];
// #showcase on both: every kind of message a real room holds, an E2E DM, a group DM, read-only/archived/muted rooms.
const servers = await Promise.all([0, 1].map((i) => startServer({ port: Number(values.port) + i, seed: 'demo', seedShowcase: true, version })));
const [first, second] = servers as [(typeof servers)[number], (typeof servers)[number]];
console.log(`Local Rocket.Chat servers: ${first.url} and ${second.url}  (users alice, bob, carol — password "demo")`);

/** Who signs in where: alice on both servers, bob on the first, carol on the second. */
const people: Record<string, string[]> = { alice: [first.url, second.url], bob: [first.url], carol: [second.url] };

const work = resolve('.tmp/demo');
rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });
const children: ChildProcess[] = [];

const electron = electronExecutable();
const useBrowser = values.browser || 'path' in electron === false;
if (!values.browser && 'missing' in electron) {
  console.log(`No Electron window possible here: ${electron.missing}.\nStarting the browser host instead.\n`);
}

for (const [user, serverUrls] of Object.entries(people)) {
  const profile = resolve(work, user);
  if (useBrowser) {
    const logins = serverUrls.flatMap((url) => ['--server', url, '--login', `${user}:demo`]);
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/host/cli.ts', '--port', '0', '--profile', profile, ...logins],
      { stdio: ['ignore', 'pipe', 'inherit'] });
    child.stdout.on('data', (chunk: Buffer) => {
      const url = /open (\S+)/.exec(chunk.toString())?.[1];
      if (url) announce(user, url);
    });
    children.push(child);
  } else if ('path' in electron) {
    children.push(spawn(electron.path, ['out/main/index.js', `--user-data-dir=${profile}`], {
      stdio: 'inherit',
      env: { ...process.env, OTRDESK_DEMO_LOGIN: JSON.stringify(serverUrls.map((serverUrl) => ({ serverUrl, user, password: 'demo' }))) },
    }));
  }
}
const HOW_TO =
  "alice's window has both servers in its rail (Ctrl+1, Ctrl+2). On the first: search bob, open the chat, press ⋮ → OTR;\n" +
  "in bob's window answer Yes. On the second, the same with carol. Ctrl+C stops the demo.";
if (!useBrowser) console.log(`\n${HOW_TO}`);

const urls = new Map<string, string>();
function announce(user: string, url: string): void {
  urls.set(user, url);
  if (urls.size < Object.keys(people).length) return;
  console.log('\nOpen these pages side by side (each is one user\'s app):');
  for (const [name, link] of urls) console.log(`  ${name.padEnd(5)} ${link}`);
  console.log(`\n${HOW_TO}`);
}

const stop = (): void => {
  for (const child of children) child.kill('SIGTERM');
  void Promise.all(servers.map((server) => server.close())).finally(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
