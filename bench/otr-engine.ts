// How long the OTR engine's heavy steps take, and how long they block the calling (main) thread: in the
// worker (as the app runs it) versus inline on the same thread. One run of each; `npm run bench` runs more.
//   npx tsx bench/otr-engine.ts
import { pathToFileURL } from 'node:url';
import { measureMainThread, type Samples } from './sections/main-thread.js';
import { median } from './lib/stats.js';

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

const round = (x: number): number => Math.round(x * 10) / 10;
const step = (s: Samples): StepFigures => ({ ms: round(median(s.ms)), maxBlockMs: round(median(s.blockMs)) });

/**
 * Keygen (a first key, with new DSA domain parameters), AKE and SMP through the worker engine, then the
 * same on the calling thread.
 */
export async function measureEngine(): Promise<EngineMeasurement> {
  const m = await measureMainThread({ keygenRuns: 1, akeRuns: 1, smpRuns: 1, chatRuns: 0, chatMessages: 0 });
  return {
    worker: { keygen: step(m.keygen.worker), ake: step(m.worker.ake), smp: step(m.worker.smp) },
    inline: { keygen: step(m.keygen.inline), ake: step(m.inline.ake), smp: step(m.inline.smp) },
  };
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
  process.exit(0);
}
