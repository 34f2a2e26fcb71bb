// How long the calling thread's event loop was blocked: what a user feels as a frozen window.
// Two samplers at 1 ms resolution; the longer reading wins. On Linux each gap is also split into this
// thread's own CPU time and time spent waiting for a CPU, so a busy machine can be told from busy code.
import { readFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';

export interface Blocking {
  /** The longest the event loop could not run anything, in ms (wall clock). */
  blockMs: number;
  /** The most CPU this thread itself used within any one gap between ticks, in ms; NaN where unknown. */
  ownCpuMs: number;
}

export interface BlockWatch {
  stop(): Blocking;
}

const TICK_MS = 1;
const SCHEDSTAT = '/proc/thread-self/schedstat';

/** This thread's CPU time so far in ms (Linux schedstat), or NaN. */
function threadCpuMs(): number {
  try {
    return Number(readFileSync(SCHEDSTAT, 'utf8').split(' ')[0]) / 1e6;
  } catch {
    return Number.NaN;
  }
}

export function watchBlocking(): BlockWatch {
  const histogram = monitorEventLoopDelay({ resolution: TICK_MS });
  histogram.enable();
  // A 1 ms timer chain: its lateness is the time nothing else could run.
  let worst = 0;
  let worstCpu = 0;
  let last = performance.now();
  let lastCpu = threadCpuMs();
  let timer: NodeJS.Timeout | null = null;
  const sample = (): void => {
    const now = performance.now();
    const cpu = threadCpuMs();
    worst = Math.max(worst, now - last - TICK_MS);
    worstCpu = Math.max(worstCpu, cpu - lastCpu);
    last = now;
    lastCpu = cpu;
  };
  const tick = (): void => {
    sample();
    timer = setTimeout(tick, TICK_MS);
  };
  timer = setTimeout(tick, TICK_MS);
  return {
    stop() {
      if (timer !== null) clearTimeout(timer);
      histogram.disable();
      sample();
      // The histogram records whole intervals between its own 1 ms ticks.
      const fromHistogram = histogram.max / 1e6 - TICK_MS;
      return { blockMs: Math.max(0, worst, fromHistogram), ownCpuMs: worstCpu };
    },
  };
}

/** Runs `work` and reports its wall time and how this thread was blocked meanwhile. */
export async function timed(work: () => Promise<void>): Promise<Blocking & { ms: number }> {
  const watch = watchBlocking();
  const start = performance.now();
  try {
    await work();
  } catch (error) {
    watch.stop();
    throw error;
  }
  const ms = performance.now() - start;
  return { ms, ...watch.stop() };
}
