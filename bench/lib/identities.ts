// Two throwaway identities for the bench, made once per run by the worker engine (off this thread).
import { createWorkerEngine } from '../../src/otr/engine/index.js';
import type { Identity } from '../../src/otr/ports.js';

let made: Promise<[Identity, Identity]> | undefined;

export function benchIdentities(): Promise<[Identity, Identity]> {
  made ??= (async () => {
    const engine = createWorkerEngine();
    try {
      // The first key in a thread also makes the DSA domain parameters; the second reuses them.
      return [await engine.generateIdentity(), await engine.generateIdentity()];
    } finally {
      await engine.dispose();
    }
  })();
  return made;
}
