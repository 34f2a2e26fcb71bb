// The OTR engine's worker, plus an answer to "how big is your heap?" on a BroadcastChannel, so the bench
// can weigh the sessions a worker holds without any change to the engine's own protocol.
import { BroadcastChannel, threadId } from 'node:worker_threads';
import v8 from 'node:v8';
import '../../src/otr/engine/worker.js';
import { HEAP_CHANNEL, HEAP_REQUEST, type HeapReport } from './heap-channel.js';

const channel = new BroadcastChannel(HEAP_CHANNEL);
// The engine's port keeps this thread alive; the channel must not.
channel.unref();
channel.onmessage = (event) => {
  // Other workers' reports arrive here too: answer requests only, or two workers would echo forever.
  if ((event as { data: unknown }).data !== HEAP_REQUEST) return;
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  gc?.();
  const report: HeapReport = { threadId, usedBytes: v8.getHeapStatistics().used_heap_size };
  channel.postMessage(report);
};
