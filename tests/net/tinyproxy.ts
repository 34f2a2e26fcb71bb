// Debian's tinyproxy as the company proxy of a test: started on a free loopback port with an allow rule and its
// own log file, which is the proof of what went through it.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

export function tinyproxyPath(): string | undefined {
  const found = spawnSync('sh', ['-c', 'command -v tinyproxy'], { encoding: 'utf8' }).stdout.trim();
  return found !== '' ? found : ['/usr/bin/tinyproxy', '/usr/sbin/tinyproxy'].find((path) => existsSync(path));
}

/** Run, or skip saying why; under CI=true (.ci/run installs tinyproxy) a missing one fails instead. */
export function proxyVerdict(path: string | undefined, env: Readonly<Record<string, string | undefined>>): 'run' | 'skip' | 'fail' {
  if (path) return 'run';
  return env.CI === 'true' ? 'fail' : 'skip';
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

export interface Tinyproxy {
  url: string;
  port: number;
  log(): string;
  stop(): Promise<void>;
}

export async function startTinyproxy(binary: string, dir: string): Promise<Tinyproxy> {
  const port = await freePort();
  const logFile = join(dir, 'tinyproxy.log');
  writeFileSync(join(dir, 'tinyproxy.conf'), [
    `Port ${port}`, 'Listen 127.0.0.1', 'Timeout 600', `LogFile "${logFile}"`, 'LogLevel Info',
    `PidFile "${join(dir, 'tinyproxy.pid')}"`, 'MaxClients 100', 'Allow 127.0.0.1', '',
  ].join('\n'));
  const child: ChildProcess = spawn(binary, ['-d', '-c', join(dir, 'tinyproxy.conf')], { stdio: 'ignore' });
  const log = (): string => (existsSync(logFile) ? readFileSync(logFile, 'utf8') : '');
  const deadline = Date.now() + 10_000;
  while (!log().includes('Accepting connections')) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`tinyproxy did not start: ${log()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    log,
    stop: () => new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    }),
  };
}
