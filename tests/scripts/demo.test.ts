// `npm run demo`: free ports by itself, one sentence for a port in use, and two demos at once both work (each
// with its own ports, build and profiles), shown for real by starting two headless (`--browser`) demos.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { startServer } from '../../server/index.js';
import { DemoProblem, demoPort, startDemoServers } from '../../scripts/demo-support.js';

describe('the demo picks its ports', () => {
  it('takes free ports chosen by the system when none is asked for, and says so plainly when an asked one is taken', async () => {
    const [a, b] = await Promise.all([startDemoServers(2, { version: '8.0.0' }), startDemoServers(2, { version: '8.0.0' })]);
    try {
      const ports = [...a, ...b].map((server) => server.port);
      expect(new Set(ports).size).toBe(4);
      await expect(startDemoServers(2, { port: a[0]!.port, version: '8.0.0' })).rejects.toThrow(
        new DemoProblem(`Port ${a[0]!.port} is already in use (another demo or server?): leave out --port and the demo picks free ports itself, or pass another --port.`),
      );
    } finally {
      await Promise.all([...a, ...b].map((server) => server.close()));
    }
  });

  it('closes the first server when the second port is taken (nothing left running)', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const taken = (blocker.address() as { port: number }).port;
    const started: { close: () => Promise<void>; closed: boolean }[] = [];
    const start: typeof startServer = async (options) => {
      const server = await startServer(options);
      const entry = { close: () => server.close().then(() => void (entry.closed = true)), closed: false };
      started.push(entry);
      return { ...server, close: entry.close };
    };
    try {
      await expect(startDemoServers(2, { port: taken - 1, version: '8.0.0', start })).rejects.toThrow(/is already in use/);
      expect(started.every((entry) => entry.closed)).toBe(true);
    } finally {
      blocker.close();
    }
  });

  it('refuses a --port that is not a port, in one sentence', () => {
    expect(() => demoPort('abc')).toThrow(/^--port abc is not a port number: /);
    expect(demoPort(undefined)).toBeUndefined();
  });
});

/** Starts `tsx scripts/demo.ts --browser` and collects what it prints. */
function demo(): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  let text = '';
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/demo.ts', '--browser'], { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.on('data', (chunk: Buffer) => (text += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (text += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => text, exited };
}

async function pagesOf(run: ReturnType<typeof demo>): Promise<{ servers: string[]; pages: string[] }> {
  const deadline = Date.now() + 170_000;
  while (!/carol\s+http/.test(run.output()) || !/alice\s+http/.test(run.output()) || !/bob\s+http/.test(run.output())) {
    if (run.child.exitCode !== null) throw new Error(`the demo ended early:\n${run.output()}`);
    if (Date.now() > deadline) throw new Error(`the demo printed no pages:\n${run.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const servers = /Local Rocket\.Chat servers: (\S+) and (\S+)/.exec(run.output())!.slice(1);
  const pages = [...run.output().matchAll(/^ {2}(?:alice|bob|carol)\s+(\S+)$/gm)].map((match) => match[1]!);
  return { servers, pages };
}

describe('two demos at once', () => {
  it('both start on their own ports, serve every user\'s page, and stop cleanly', { timeout: 240_000 }, async () => {
    const runs = [demo(), demo()];
    try {
      const [one, two] = await Promise.all(runs.map(pagesOf));
      const urls = [...one!.servers, ...two!.servers, ...one!.pages, ...two!.pages];
      expect(urls).toHaveLength(10);
      expect(new Set(urls.map((url) => new URL(url).port)).size).toBe(10);
      for (const page of [...one!.pages, ...two!.pages]) {
        const response = await fetch(new URL('/', page));
        expect(response.status, page).toBe(200);
      }
      for (const run of runs) run.child.kill('SIGTERM');
      expect(await Promise.all(runs.map((run) => run.exited))).toEqual([0, 0]);
      for (const page of one!.pages) await expect(fetch(new URL('/', page))).rejects.toThrow();
    } finally {
      for (const run of runs) if (run.child.exitCode === null) run.child.kill('SIGKILL');
    }
  });
});
