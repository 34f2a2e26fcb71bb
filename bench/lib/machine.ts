// What the figures were measured on. The machine is part of every result: numbers travel badly.
import { spawnSync } from 'node:child_process';
import os from 'node:os';

export const CHROMIUM_PATH = '/usr/bin/chromium';

export interface Machine {
  cpu: string;
  cores: number;
  memoryGiB: number;
  os: string;
  node: string;
  v8: string;
  chromium: string;
  /** 1-minute load average when the run started: other work on a shared machine skews figures. */
  loadAtStart: number;
}

export function describeMachine(): Machine {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: os.availableParallelism(),
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    os: `${os.type()} ${os.release()} (${os.arch()})`,
    node: process.version,
    v8: process.versions.v8,
    chromium: chromiumVersion(),
    loadAtStart: Math.round((os.loadavg()[0] ?? 0) * 100) / 100,
  };
}

function chromiumVersion(): string {
  const result = spawnSync(CHROMIUM_PATH, ['--version'], { encoding: 'utf8', timeout: 10_000 });
  const match = /Chromium\s+([\d.]+)/.exec(result.stdout ?? '');
  return match?.[1] ?? 'not found';
}

export function machineLine(m: Machine): string {
  return `${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB; ${m.os}; Node ${m.node} (V8 ${m.v8}); Chromium ${m.chromium}; load ${m.loadAtStart} at start`;
}
