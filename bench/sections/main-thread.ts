// Section 1: how long the main thread's event loop is blocked while the OTR engine works, through the
// worker engine the app uses, beside the same work done inline on the main thread.
import { Worker } from 'node:worker_threads';
import otr from 'otr';
import { createInlineEngine, createWorkerEngine } from '../../src/otr/engine/index.js';
import type { Identity, OtrEngine } from '../../src/otr/ports.js';
import { timed } from '../lib/block-monitor.js';
import { enginePair, handshake, pingPong, smp, type EnginePair } from '../lib/engine-pair.js';
import { benchIdentities } from '../lib/identities.js';
import { fmt, ratio, sampledText, type Figure, type SectionResult } from '../lib/report.js';
import { spread } from '../lib/stats.js';

export interface MainThreadOptions {
  keygenRuns: number;
  akeRuns: number;
  smpRuns: number;
  chatRuns: number;
  /** Messages per rekeying chat run, alternating sides. */
  chatMessages: number;
}

export const MAIN_THREAD_DEFAULTS: MainThreadOptions = { keygenRuns: 3, akeRuns: 5, smpRuns: 3, chatRuns: 3, chatMessages: 20 };

const GOAL = { max: 20, unit: 'ms' };

export interface Samples {
  ms: number[];
  blockMs: number[];
  ownCpuMs: number[];
}

const samples = (): Samples => ({ ms: [], blockMs: [], ownCpuMs: [] });

async function record(into: Samples, work: () => Promise<void>): Promise<void> {
  const { ms, blockMs, ownCpuMs } = await timed(work);
  into.ms.push(ms);
  into.blockMs.push(blockMs);
  into.ownCpuMs.push(ownCpuMs);
}

/** The first key a fresh worker makes (with new DSA domain parameters): what a new account pays. */
async function keygenInWorker(identity: Identity, runs: number): Promise<Samples> {
  const out = samples();
  for (let i = 0; i < runs; i++) {
    const engine = createWorkerEngine();
    try {
      // Wait until the worker is up, so its start-up is not counted as keygen.
      await engine.useIdentity(identity);
      await record(out, async () => {
        await engine.generateIdentity();
      });
    } finally {
      await engine.dispose();
    }
  }
  return out;
}

/** The same keygen on this thread, through arlolra directly; `nocache` makes every run a first key. */
async function keygenInline(runs: number): Promise<Samples> {
  const out = samples();
  for (let i = 0; i < runs; i++) {
    await record(out, async () => {
      await Promise.resolve();
      new otr.DSA(null, { nocache: true }).packPrivate();
    });
  }
  return out;
}

export interface SessionFigures {
  ake: Samples;
  smp: Samples;
  chat: Samples;
}

async function sessionWork(make: () => OtrEngine, identities: [Identity, Identity], o: MainThreadOptions): Promise<SessionFigures> {
  const pair: EnginePair = await enginePair(make, identities);
  const out: SessionFigures = { ake: samples(), smp: samples(), chat: samples() };
  try {
    const runs = Math.max(o.akeRuns, o.smpRuns, o.chatRuns);
    for (let i = 0; i < runs; i++) {
      const id = `main-thread-${i}`;
      if (i < o.akeRuns) await record(out.ake, async () => void (await handshake(pair, id)));
      else await handshake(pair, id);
      if (i < o.smpRuns) await record(out.smp, () => smp(pair, id));
      if (i < o.chatRuns) await record(out.chat, () => pingPong(pair, id, o.chatMessages, 'x'.repeat(100)));
      pair.a.closeSession(id);
      pair.b.closeSession(id);
    }
  } finally {
    await pair.dispose();
  }
  return out;
}

function figure(id: string, label: string, worker: Samples, inline: Samples): Figure {
  const w = spread(worker.blockMs);
  const i = spread(inline.blockMs);
  const wall = spread(worker.ms);
  const own = spread(worker.ownCpuMs);
  return {
    id: `main-thread.${id}`,
    label: `${label}: longest main-thread block`,
    value: w.median,
    unit: 'ms',
    goal: GOAL,
    compared: `inline ${Math.round(i.median)} ms (${ratio(i.median, w.median)}); own work ≤ ${fmt(own.median, 'ms')}; worker wall ${Math.round(wall.median)} ms`,
    sampled: sampledText(w, 'ms'),
  };
}

/**
 * The control: the same sampler while a worker thread only spins and the main thread has nothing to do.
 * What it reads is what the machine (other processes, the OS scheduler) costs, not what our code does.
 */
async function noiseFloor(runs: number): Promise<Samples> {
  const out = samples();
  for (let i = 0; i < runs; i++) {
    const spinner = new Worker(`const end = Date.now() + ${NOISE_WINDOW_MS + 200}; while (Date.now() < end);`, { eval: true });
    try {
      await new Promise((resolve) => spinner.once('online', resolve));
      await record(out, () => new Promise((resolve) => setTimeout(resolve, NOISE_WINDOW_MS)));
    } finally {
      await spinner.terminate();
    }
  }
  return out;
}

/** About as long as the longer steps (keygen, SMP): stalls of the machine are rare, so short windows miss them. */
const NOISE_WINDOW_MS = 3000;

export interface MainThreadSamples {
  keygen: { worker: Samples; inline: Samples };
  worker: SessionFigures;
  inline: SessionFigures;
}

/** Every sample of keygen, AKE, SMP and the rekeying chat, through the worker engine and inline. */
export async function measureMainThread(o: MainThreadOptions): Promise<MainThreadSamples> {
  const identities = await benchIdentities();
  const keygen = { worker: await keygenInWorker(identities[0], o.keygenRuns), inline: await keygenInline(o.keygenRuns) };
  const worker = await sessionWork(() => createWorkerEngine(), identities, o);
  const inline = await sessionWork(() => createInlineEngine(), identities, o);
  return { keygen, worker, inline };
}

export async function mainThreadSection(o: MainThreadOptions = MAIN_THREAD_DEFAULTS): Promise<SectionResult> {
  const noise = await noiseFloor(3);
  const { keygen, worker, inline } = await measureMainThread(o);
  return {
    name: 'main-thread',
    title: '1. Main thread: longest event-loop block while OTR works (worker engine; inline beside it)',
    figures: [
      figure('keygen', 'DSA-1024 keygen (first key, new domain parameters)', keygen.worker, keygen.inline),
      figure('ake', 'AKE, engine to engine', worker.ake, inline.ake),
      figure('smp', 'SMP with a question, to both results', worker.smp, inline.smp),
      figure('chat', `rekeying chat, ${o.chatMessages} ping-pong messages`, worker.chat, inline.chat),
      {
        id: 'main-thread.noise',
        label: `control: a worker only spinning, main thread idle (${NOISE_WINDOW_MS / 1000} s)`,
        value: spread(noise.blockMs).median,
        unit: 'ms',
        compared: 'what the machine costs, not our code: other processes and the OS scheduler',
        sampled: sampledText(spread(noise.blockMs), 'ms'),
      },
    ],
    notes: [
      `Runs: keygen ${o.keygenRuns}, AKE ${o.akeRuns}, SMP ${o.smpRuns}, chat ${o.chatRuns} × ${o.chatMessages} messages of 100 characters, for each of worker and inline.`,
      'Block = the longest lateness of a 1 ms timer chain or of monitorEventLoopDelay(1 ms) on the main thread, whichever is longer. "Own work" = the most CPU the main thread itself used within any one gap (Linux /proc/thread-self/schedstat): the rest of a block is waiting for a CPU.',
      'Inline keygen calls arlolra on the main thread with {nocache: true}, so every run makes new domain parameters as a first key does; the other inline rows use createInlineEngine.',
      'Both engines of a pair live in this process, linked in memory; the worker rows use createWorkerEngine (one worker thread per engine).',
    ],
    raw: { options: o, noise, keygen, worker, inline },
  };
}
