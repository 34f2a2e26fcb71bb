// Reads the live heap of every engine worker started from heap-worker.ts, by thread id.
import { BroadcastChannel } from 'node:worker_threads';
import { createWorkerEngine } from '../../src/otr/engine/index.js';
import type { OtrEngine } from '../../src/otr/ports.js';
import './gc.js';
import { HEAP_CHANNEL, HEAP_REQUEST, type HeapReport } from './heap-channel.js';

const HEAP_WORKER = new URL('./heap-worker.ts', import.meta.url);

/** A worker engine that can report its heap. Import gc.js first so the worker gets `gc` too. */
export function createWeighableEngine(): OtrEngine {
  return createWorkerEngine({ workerUrl: HEAP_WORKER });
}

/** Asks every weighable worker for its live heap; resolves once `expected` threads have answered. */
export function workerHeaps(expected: number): Promise<Map<number, number>> {
  const channel = new BroadcastChannel(HEAP_CHANNEL);
  const heaps = new Map<number, number>();
  return new Promise<Map<number, number>>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('engine workers did not report their heap')), 30_000);
    channel.onmessage = (event) => {
      const report = (event as { data: HeapReport | string }).data;
      if (typeof report === 'string') return;
      heaps.set(report.threadId, report.usedBytes);
      if (heaps.size < expected) return;
      clearTimeout(timer);
      resolve(heaps);
    };
    channel.postMessage(HEAP_REQUEST);
  }).finally(() => channel.close());
}
