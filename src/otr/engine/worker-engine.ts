// The OtrEngine the app uses: a facade on the calling thread over the OTR worker thread.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { OtrEngine } from '../ports.js';
import { EngineClient } from './client.js';
import type { FromWorker, ToWorker } from './protocol.js';

export interface WorkerEngineOptions {
  /** Where the worker script is; by default the built otr-worker.js beside this module, else worker.ts. */
  workerUrl?: URL;
}

/** A sibling of this module. A plain function argument keeps bundlers from rewriting the URL. */
function sibling(name: string): URL {
  return new URL(name, import.meta.url);
}

/**
 * In the build (electron-vite) this module is bundled into out/main/index.js next to otr-worker.js.
 * Unbuilt (vitest, tsx) the worker is the TypeScript source, started through tsx-bootstrap.mjs.
 */
function spawn(options: WorkerEngineOptions): Worker {
  const built = sibling('./otr-worker.js');
  const entry = options.workerUrl ?? (existsSync(fileURLToPath(built)) ? built : sibling('./worker.ts'));
  if (!entry.pathname.endsWith('.ts')) return new Worker(entry, { name: 'otr-engine' });
  return new Worker(sibling('./tsx-bootstrap.mjs'), {
    name: 'otr-engine',
    execArgv: [],
    workerData: { otrWorkerEntry: entry.href },
  });
}

export function createWorkerEngine(options: WorkerEngineOptions = {}): OtrEngine {
  const worker = spawn(options);
  let stopping = false;
  const client = new EngineClient(
    (calls) => {
      const message: ToWorker = { calls };
      worker.postMessage(message);
    },
    async () => {
      stopping = true;
      await worker.terminate();
    },
  );
  worker.on('message', (message: FromWorker) => client.deliver(message));
  worker.on('error', () => client.crashed());
  worker.on('exit', () => {
    if (!stopping) client.crashed();
  });
  return client;
}
