// How long the OTR engine's heavy steps take, and how long they block the calling (main) thread:
// in the worker (as the app runs it) versus inline on the same thread. Prints figures; asserts nothing.
//   npx tsx bench/otr-engine.ts
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { createInlineEngine, createWorkerEngine } from '../src/otr/engine/index.js';
import type { EngineEvent, Identity, OtrEngine } from '../src/otr/ports.js';

export interface StepFigures {
  /** Wall time of the step. */
  ms: number;
  /** Longest the main thread's event loop was blocked meanwhile. */
  maxBlockMs: number;
}

export interface EngineFigures {
  keygen: StepFigures;
  ake: StepFigures;
  smp: StepFigures;
}

export interface EngineMeasurement {
  worker: EngineFigures;
  inline: EngineFigures;
}

async function step(work: () => Promise<void>): Promise<StepFigures> {
  const histogram = monitorEventLoopDelay({ resolution: 5 });
  histogram.enable();
  // A timer that should fire every 5 ms: its lateness is what a user would feel as a frozen window.
  let worst = 0;
  let last = performance.now();
  const probe = setInterval(() => {
    const now = performance.now();
    worst = Math.max(worst, now - last - 5);
    last = now;
  }, 5);
  const start = performance.now();
  try {
    await work();
  } finally {
    clearInterval(probe);
    histogram.disable();
  }
  const ms = performance.now() - start;
  worst = Math.max(worst, performance.now() - last - 5);
  return { ms: round(ms), maxBlockMs: round(Math.max(worst, histogram.max / 1e6)) };
}

const round = (x: number): number => Math.round(x * 10) / 10;

function waitFor(engine: OtrEngine, match: (e: EngineEvent) => boolean): Promise<EngineEvent> {
  return new Promise((resolve) => {
    const off = engine.onEvent((e) => {
      if (!match(e)) return;
      off();
      resolve(e);
    });
  });
}

/** Wires session `id` of two engines back to back. */
function link(a: OtrEngine, b: OtrEngine): void {
  a.onEvent((e) => {
    if (e.type === 'io') b.receive(e.sessionId, e.wire, null);
  });
  b.onEvent((e) => {
    if (e.type === 'io') a.receive(e.sessionId, e.wire, null);
  });
}

async function measure(make: () => OtrEngine): Promise<EngineFigures> {
  const a = make();
  const b = make();
  try {
    let first: Identity | null = null;
    // The first key in a thread also makes the DSA domain parameters: that is the cost users meet.
    const keygen = await step(async () => {
      first = await a.generateIdentity();
    });
    if (first === null) throw new Error('keygen failed');
    await a.useIdentity(first);
    await b.useIdentity(await b.generateIdentity());
    link(a, b);

    const ake = await step(async () => {
      const secure = Promise.all([waitFor(a, (e) => e.type === 'secure'), waitFor(b, (e) => e.type === 'secure')]);
      a.openSession('bench', { fragmentSize: 0 });
      b.openSession('bench', { fragmentSize: 0 });
      a.send('bench', 'hello', null);
      await secure;
    });

    const smp = await step(async () => {
      const asked = waitFor(b, (e) => e.type === 'smp' && e.event === 'question');
      const done = Promise.all([
        waitFor(a, (e) => e.type === 'smp' && e.event === 'result'),
        waitFor(b, (e) => e.type === 'smp' && e.event === 'result'),
      ]);
      a.smpStart('bench', 'secret', 'question?');
      await asked;
      b.smpAnswer('bench', 'secret');
      await done;
    });
    return { keygen, ake, smp };
  } finally {
    await Promise.all([a.dispose(), b.dispose()]);
  }
}

/**
 * Measures keygen, AKE and SMP through the worker engine, then the same on the calling thread.
 * Keygen is the first key of a thread, which includes the DSA domain parameters (1–8 s, random);
 * later keys in the same thread take milliseconds, so inline keygen is only meaningful in a process
 * that has not generated a key on its main thread before.
 */
export async function measureEngine(): Promise<EngineMeasurement> {
  const worker = await measure(() => createWorkerEngine());
  const inline = await measure(() => createInlineEngine());
  return { worker, inline };
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const result = await measureEngine();
  const rows = (['keygen', 'ake', 'smp'] as const).map((name) => ({
    step: name,
    'worker ms': result.worker[name].ms,
    'worker main-thread block ms': result.worker[name].maxBlockMs,
    'inline ms': result.inline[name].ms,
    'inline main-thread block ms': result.inline[name].maxBlockMs,
  }));
  console.table(rows);
}
