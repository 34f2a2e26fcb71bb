// Development only (vitest, `tsx`): runs the worker from its TypeScript source. Node 20 loads a
// worker's entry module before `--import tsx` hooks take effect, so register tsx first, then import it.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.otrWorkerEntry);
