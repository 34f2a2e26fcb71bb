// The same engine on the calling thread, for benchmarks (to show what the worker saves) and tests
// that need no thread. Never use it in the app: the OTR math would block the main thread.
import type { OtrEngine } from '../ports.js';
import { EngineClient } from './client.js';
import type { FromWorker } from './protocol.js';
import { SessionHost } from './session-host.js';

export function createInlineEngine(): OtrEngine {
  let outbox: FromWorker = { events: [], replies: [] };
  let scheduled = false;
  const flush = (): void => {
    scheduled = false;
    const message = outbox;
    outbox = { events: [], replies: [] };
    client.deliver(message);
  };
  const schedule = (): void => {
    if (scheduled) return;
    scheduled = true;
    queueMicrotask(flush);
  };
  const host = new SessionHost(
    (event) => {
      outbox.events.push(event);
      schedule();
    },
    (reply) => {
      outbox.replies.push(reply);
      schedule();
    },
  );
  const client: EngineClient = new EngineClient(
    (calls) => {
      // Like the worker: the batch runs after the caller's turn, never inside its call.
      setImmediate(() => {
        for (const call of calls) host.run(call);
      });
    },
    () => Promise.resolve(),
  );
  return client;
}
