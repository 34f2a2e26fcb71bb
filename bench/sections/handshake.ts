// Section 2: from "start" to both sides private, through the local server and the whole app core, with
// the peer accepting at once; and the AKE alone, engine to engine in memory, for comparison.
import { createWorkerEngine } from '../../src/otr/engine/index.js';
import { endPrivate, goPrivate, startAppPair } from '../lib/app-pair.js';
import { enginePair, handshake } from '../lib/engine-pair.js';
import { benchIdentities } from '../lib/identities.js';
import { ratio, sampledText, type SectionResult } from '../lib/report.js';
import { spread } from '../lib/stats.js';

export interface HandshakeOptions {
  runs: number;
}

export const HANDSHAKE_DEFAULTS: HandshakeOptions = { runs: 7 };

async function akeAlone(runs: number): Promise<{ cold: number; warm: number[] }> {
  const pair = await enginePair(() => createWorkerEngine(), await benchIdentities());
  try {
    const once = (id: string): Promise<number> => handshake(pair, id);
    const cold = await once('ake-cold');
    const warm: number[] = [];
    for (let i = 0; i < runs; i++) warm.push(await once(`ake-${i}`));
    return { cold, warm };
  } finally {
    await pair.dispose();
  }
}

async function startToPrivate(runs: number): Promise<{ cold: number; warm: number[]; asked: number[] }> {
  const pair = await startAppPair();
  try {
    const cold = (await goPrivate(pair)).totalMs;
    await endPrivate(pair);
    const warm: number[] = [];
    const asked: number[] = [];
    for (let i = 0; i < runs; i++) {
      const run = await goPrivate(pair);
      warm.push(run.totalMs);
      asked.push(run.askedMs);
      await endPrivate(pair);
    }
    return { cold, warm, asked };
  } finally {
    await pair.dispose();
  }
}

export async function handshakeSection(o: HandshakeOptions = HANDSHAKE_DEFAULTS): Promise<SectionResult> {
  const full = await startToPrivate(o.runs);
  const ake = await akeAlone(o.runs);
  const fullSpread = spread(full.warm);
  const akeSpread = spread(ake.warm);
  const asked = spread(full.asked);
  return {
    name: 'handshake',
    title: '2. Start → both private (no clicks), and the AKE alone',
    figures: [
      {
        id: 'handshake.start-to-private',
        label: 'start → both private, via local server (two app cores)',
        value: fullSpread.median,
        unit: 'ms',
        goal: { max: 300, unit: 'ms' },
        compared: `${ratio(fullSpread.median, akeSpread.median)} the AKE alone; request reached bob after ${Math.round(asked.median)} ms; first run ${Math.round(full.cold)} ms`,
        sampled: sampledText(fullSpread, 'ms'),
      },
      {
        id: 'handshake.ake-alone',
        label: 'AKE alone, worker engine to worker engine, in memory',
        value: akeSpread.median,
        unit: 'ms',
        compared: `first run ${Math.round(ake.cold)} ms`,
        sampled: sampledText(akeSpread, 'ms'),
      },
    ],
    notes: [
      `Runs: ${o.runs} each after one first (cold) run, which is shown separately.`,
      'Start → private: createAppCore for alice and bob (temporary profiles, in-memory secret store, auto sign-in) on startServer in this process; bob calls otr.accept as soon as his otr.changed says "incoming"; timed from alice\'s otr.start call to both otr.changed "private". Sessions are ended and confirmed between runs.',
    ],
    raw: { options: o, full, ake },
  };
}
