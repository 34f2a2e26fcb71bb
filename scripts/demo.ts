// `npm run demo`: two local servers with the demo seed, and three clients: alice signed in to both (two servers
// in her rail), bob on the first, carol on the second.
// Electron windows where an Electron binary is installed; `--browser` (or no binary) uses the browser host, which
// only prints the pages to open. Each run has its own free ports, build and profiles, so two demos can run at once.
import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { electronExecutable } from '../e2e/fixtures/electron-target.js';
import type { LocalServer } from '../server/index.js';
import { buildInto, demoPort, demoWorkDir, DemoProblem, startDemoServers } from './demo-support.js';

const children: ChildProcess[] = [];
let servers: LocalServer[] = [];
let work: string | undefined;
let stopping = false;

/** Stops the apps first (they sign out from servers still running), then the servers, then removes the folder. */
function stop(code: number): void {
  if (stopping) return;
  stopping = true;
  void Promise.all(children.map(ended))
    .then(() => Promise.all(servers.map((server) => server.close())))
    .finally(() => {
      if (work) rmSync(work, { recursive: true, force: true });
      process.exit(code);
    });
}

/** Asks a child to stop, and makes it stop if it has not within 5 s. */
function ended(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 5_000).unref();
  });
}
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));

try {
  await runDemo();
} catch (err) {
  console.error(err instanceof DemoProblem ? err.message : `The demo stopped: ${(err as Error).message}.`);
  stop(1);
}

async function runDemo(): Promise<void> {
  const values = options();
  work = demoWorkDir();
  console.log('Building the app…');
  buildInto(join(work, 'out'));

  const version = values['server-version'];
  servers = await startDemoServers(2, { port: demoPort(values.port), version });
  const [first, second] = servers as [LocalServer, LocalServer];
  console.log(`Local Rocket.Chat servers: ${first.url} and ${second.url}  (users alice, bob, carol — password "demo")`);

  /** Who signs in where: alice on both servers, bob on the first, carol on the second. */
  const people: Record<string, string[]> = { alice: [first.url, second.url], bob: [first.url], carol: [second.url] };
  const electron = electronExecutable();
  const useBrowser = values.browser || 'path' in electron === false;
  if (!values.browser && 'missing' in electron) {
    console.log(
      `No Electron window here: ${electron.missing}, so the demo runs in your browser instead ` +
        '(`npx install-electron` fetches Electron where github.com can be reached).\n',
    );
  }
  const HOW_TO =
    "alice's window has both servers in its rail (Ctrl+1, Ctrl+2). On the first: search bob, open the chat, press ⋮ → OTR;\n" +
    "in bob's window answer Yes. On the second, the same with carol. Ctrl+C stops the demo.";

  const urls = new Map<string, string>();
  const announce = (user: string, url: string): void => {
    urls.set(user, url);
    if (urls.size < Object.keys(people).length) return;
    console.log("\nOpen these pages side by side (each is one user's app):");
    for (const [name, link] of urls) console.log(`  ${name.padEnd(5)} ${link}`);
    console.log(`\n${HOW_TO}`);
  };

  for (const [user, serverUrls] of Object.entries(people)) {
    const profile = join(work, user);
    const child = useBrowser
      ? spawn(
          process.execPath,
          ['--import', 'tsx', 'src/host/cli.ts', '--port', '0', '--profile', profile, '--renderer', join(work, 'out', 'renderer'),
            ...serverUrls.flatMap((url) => ['--server', url, '--login', `${user}:demo`])],
          { stdio: ['ignore', 'pipe', 'inherit'] },
        )
      : spawn((electron as { path: string }).path, [join(work, 'out', 'main', 'index.js'), `--user-data-dir=${profile}`], {
          stdio: 'inherit',
          env: { ...process.env, OTRDESK_DEMO_LOGIN: JSON.stringify(serverUrls.map((serverUrl) => ({ serverUrl, user, password: 'demo' }))) },
        });
    child.stdout?.on('data', (chunk: Buffer) => {
      const url = /open (\S+)/.exec(chunk.toString())?.[1];
      if (url) announce(user, url);
    });
    child.on('exit', (code) => {
      if (stopping) return;
      console.error(`${user}'s app stopped (exit code ${String(code)}); the demo stops too: see the lines above for why.`);
      stop(1);
    });
    children.push(child);
  }
  if (!useBrowser) console.log(`\n${HOW_TO}`);
}

function options() {
  try {
    return parseArgs({
      options: {
        browser: { type: 'boolean', default: false },
        // Absent: free ports, chosen by the system (printed above).
        port: { type: 'string' },
        // e.g. 7.10.0: a server that still has Rocket.Chat's own OTR (the official apps' protocol) next to OTR v3.
        'server-version': { type: 'string', default: '8.0.0' },
      },
    }).values;
  } catch (err) {
    throw new DemoProblem(`${(err as Error).message.split('. ')[0]}: the demo takes --browser, --port <n> and --server-version <x.y.z>.`);
  }
}
