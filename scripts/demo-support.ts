// What `npm run demo` does that can fail in front of a newcomer, each failure said in one sentence: its servers'
// ports (free ones unless --port asks for some), its own build (two demos at once never share out/), and its
// own work folder (profiles), so a second demo never wipes the first one's.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startServer, type LocalServer } from '../server/index.js';

/** A failure the demo explains in one sentence (its message); anything else is a bug worth its message too. */
export class DemoProblem extends Error {}

/** A fresh folder for one demo run under .tmp/ (inside the project, so its build finds node_modules). */
export function demoWorkDir(root = resolve('.tmp')): string {
  mkdirSync(root, { recursive: true });
  return mkdtempSync(join(root, 'demo-'));
}

/**
 * Starts `count` local servers: on free ports chosen by the system, or on `port`, `port + 1`, … when asked.
 * A port in use is said plainly, with what to do.
 */
export async function startDemoServers(
  count: number,
  options: { port?: number; version: string; start?: typeof startServer },
): Promise<LocalServer[]> {
  const start = options.start ?? startServer;
  const servers: LocalServer[] = [];
  try {
    for (let i = 0; i < count; i++) {
      const port = options.port === undefined ? 0 : options.port + i;
      // #showcase on each: every kind of message a real room holds, an E2E DM, a group DM, read-only/archived/muted rooms.
      servers.push(await start({ port, seed: 'demo', seedShowcase: true, version: options.version }).catch((err: unknown) => {
        if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') {
          throw new DemoProblem(
            `Port ${port} is already in use (another demo or server?): leave out --port and the demo picks free ports itself, or pass another --port.`,
          );
        }
        throw err;
      }));
    }
    return servers;
  } catch (err) {
    await Promise.all(servers.map((server) => server.close()));
    throw err;
  }
}

/** Parses --port: absent means "any free port". */
export function demoPort(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1 || port > 65_534) {
    throw new DemoProblem(`--port ${value} is not a port number: pass one from 1 to 65534, or leave it out and the demo picks free ports.`);
  }
  return port;
}

/** Builds the app into `outDir` (absolute: electron-vite puts a relative renderer folder elsewhere). */
export function buildInto(outDir: string): void {
  const build = spawnSync('npx', ['electron-vite', 'build', '--outDir', resolve(outDir)], { stdio: ['ignore', 'ignore', 'inherit'] });
  if (build.status !== 0) throw new DemoProblem('The build failed: fix the errors printed above, then run `npm run demo` again.');
}
