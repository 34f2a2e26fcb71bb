// The OTR worker thread: hosts the sessions, runs all OTR math, and talks to the facade only
// through batched messages (protocol.ts). Built to out/main/otr-worker.js; runs unbuilt under tsx.
import { parentPort } from 'node:worker_threads';
import type { EngineEvent } from '../ports.js';
import type { FromWorker, Reply, ToWorker } from './protocol.js';
import { SessionHost } from './session-host.js';

const port = parentPort;
if (port === null) throw new Error('otr-worker must run as a worker thread');

let outbox: FromWorker = { events: [], replies: [] };
let scheduled = false;

function flush(): void {
  scheduled = false;
  const message = outbox;
  outbox = { events: [], replies: [] };
  port!.postMessage(message);
}

function schedule(): void {
  if (scheduled) return;
  scheduled = true;
  queueMicrotask(flush);
}

const host = new SessionHost(
  (event: EngineEvent) => {
    outbox.events.push(event);
    schedule();
  },
  (reply: Reply) => {
    outbox.replies.push(reply);
    schedule();
  },
);

port.on('message', (message: ToWorker) => {
  for (const call of message.calls) host.run(call);
});
