// Section 5: memory per idle private session, and with 100 private sessions at once: the live heap of the
// engine worker that holds them plus this (main) thread's heap, where the room sessions live.
import { liveHeapBytes } from '../lib/gc.js';
import { benchIdentities } from '../lib/identities.js';
import { fmt, type SectionResult } from '../lib/report.js';
import { median } from '../lib/stats.js';
import { allPrivate, roomsWorld } from '../lib/rooms-world.js';
import { createWeighableEngine, workerHeaps } from '../lib/worker-heaps.js';

export interface MemoryOptions {
  sessions: number;
  /** Heap readings per point; the median is kept. */
  readings: number;
  /** Sessions made private at a time, so every request is answered well within its countdown. */
  batch: number;
}

export const MEMORY_DEFAULTS: MemoryOptions = { sessions: 100, readings: 3, batch: 20 };

const KiB = 1024;
const MiB = 1024 * 1024;

interface Point {
  /** alice's engine worker (one side of every session). */
  aliceWorker: number;
  /** The engine worker playing every peer (the other side). */
  peersWorker: number;
  /** This thread: both sides' room sessions, and everything else the process has. */
  main: number;
  rss: number;
}

async function weigh(threads: { alice: number; peers: number }, readings: number): Promise<Point> {
  const points: Point[] = [];
  for (let i = 0; i < readings; i++) {
    const heaps = await workerHeaps(2);
    points.push({
      aliceWorker: heaps.get(threads.alice) ?? Number.NaN,
      peersWorker: heaps.get(threads.peers) ?? Number.NaN,
      main: liveHeapBytes(),
      rss: process.memoryUsage().rss,
    });
  }
  const pick = (key: keyof Point): number => median(points.map((p) => p[key]));
  return { aliceWorker: pick('aliceWorker'), peersWorker: pick('peersWorker'), main: pick('main'), rss: pick('rss') };
}

/** Which worker thread belongs to which engine: each answers alone right after it started. */
async function threadOfNewest(known: ReadonlySet<number>): Promise<number> {
  const heaps = await workerHeaps(known.size + 1);
  const id = [...heaps.keys()].find((t) => !known.has(t));
  if (id === undefined) throw new Error('could not tell the engine workers apart');
  return id;
}

/** Only what this run weighed; an earlier reference figure for a bare library object is in the history doc. */
export function perSessionCompared(workerPer: number, mainPer: number, onePer: number): string {
  return `worker ${fmt(workerPer / KiB, 'KiB')} + main ${fmt(mainPer / KiB, 'KiB')}; the first session ${fmt(onePer / KiB, 'KiB')} (with one-time warm-up)`;
}

export async function memorySection(o: MemoryOptions = MEMORY_DEFAULTS): Promise<SectionResult> {
  const identities = await benchIdentities();
  let made = 0;
  const seen = new Set<number>();
  const threads = { alice: 0, peers: 0 };
  const world = await roomsWorld(
    () => {
      made++;
      return createWeighableEngine();
    },
    identities,
    o.sessions,
  );
  try {
    if (made !== 2) throw new Error('expected two engines');
    // roomsWorld makes alice's engine first and waits for it before making the peers' one, so the
    // thread ids ascend in that order.
    threads.alice = await threadOfNewest(seen);
    seen.add(threads.alice);
    threads.peers = await threadOfNewest(seen);
    if (threads.peers < threads.alice) [threads.alice, threads.peers] = [threads.peers, threads.alice];

    const idle = await weigh(threads, o.readings);
    await allPrivate(world, world.roomIds.slice(0, 1));
    const one = await weigh(threads, o.readings);
    for (let i = 1; i < o.sessions; i += o.batch) await allPrivate(world, world.roomIds.slice(i, i + o.batch));
    const all = await weigh(threads, o.readings);

    const n = o.sessions;
    const workerPer = (all.aliceWorker - idle.aliceWorker + (all.peersWorker - idle.peersWorker)) / 2 / n;
    const mainPer = (all.main - idle.main) / 2 / n;
    const onePer = one.aliceWorker - idle.aliceWorker + (one.main - idle.main) / 2;
    return {
      name: 'memory',
      title: `5. Memory: idle private sessions (${n} at once)`,
      figures: [
        {
          id: 'memory.per-session',
          label: 'per idle private session, one side (worker + main)',
          value: (workerPer + mainPer) / KiB,
          unit: 'KiB',
          compared: perSessionCompared(workerPer, mainPer, onePer),
          sampled: `slope over ${n} sessions`,
        },
        {
          id: 'memory.worker-100',
          label: `engine worker heap with ${n} private sessions`,
          value: all.aliceWorker / MiB,
          unit: 'MiB',
          compared: `${fmt(idle.aliceWorker / MiB, 'MiB')} with none`,
          sampled: `median of ${o.readings} readings`,
        },
        {
          id: 'memory.main-100',
          label: `main heap growth for ${n} private sessions on both sides`,
          value: (all.main - idle.main) / KiB,
          unit: 'KiB',
          compared: `main heap ${fmt(all.main / MiB, 'MiB')} and process RSS ${fmt(all.rss / MiB, 'MiB')} in all, with whatever earlier sections left`,
          sampled: `median of ${o.readings} readings`,
        },
      ],
      notes: [
        `Two RoomSessions on two worker engines in this process, joined in memory: alice has ${n} DMs; the other side plays every peer and accepts at once. Made private ${o.batch} at a time; no messages afterwards (idle).`,
        'Heaps are live bytes after full collections (v8.getHeapStatistics().used_heap_size): each worker reports its own over a BroadcastChannel (bench/lib/heap-worker.ts wraps the unchanged engine worker); main includes both sides\' room sessions, so its growth is halved per side.',
        'No goal was set for memory; the figures are for information.',
      ],
      raw: { options: o, idle, one, all },
    };
  } finally {
    await world.dispose();
  }
}
