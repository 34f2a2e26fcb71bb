// Shared test plumbing: throwaway identities, event recorders, and two engines wired back to back.
import { readFileSync } from 'node:fs';
import type { EngineEvent, Identity, OtrEngine } from '../../src/otr/ports.js';
import { createWorkerEngine } from '../../src/otr/engine/index.js';

const fixture = JSON.parse(readFileSync(new URL('./fixtures/test-identities.json', import.meta.url), 'utf8')) as {
  identities: Identity[];
};
export const identities = fixture.identities;
export const [alice, bob, carol] = identities as [Identity, Identity, Identity];

/** Records every event of one engine and waits for the ones a test expects. */
export class Recorder {
  readonly events: EngineEvent[] = [];
  private waiters: Array<() => void> = [];

  constructor(engine: OtrEngine) {
    engine.onEvent((event) => {
      this.events.push(event);
      for (const wake of this.waiters.splice(0)) wake();
    });
  }

  mark(): number {
    return this.events.length;
  }

  /** The first event from index `from` on that matches. */
  async waitFor<T extends EngineEvent>(match: (e: EngineEvent) => e is T, from?: number, timeoutMs?: number): Promise<T>;
  async waitFor(match: (e: EngineEvent) => boolean, from?: number, timeoutMs?: number): Promise<EngineEvent>;
  async waitFor(match: (e: EngineEvent) => boolean, from = 0, timeoutMs = 30_000): Promise<EngineEvent> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.events.slice(from).find(match);
      if (found !== undefined) return found;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error('Timed out waiting for an engine event');
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  of<K extends EngineEvent['type']>(type: K, sessionId?: string, from = 0): Array<Extract<EngineEvent, { type: K }>> {
    return this.events
      .slice(from)
      .filter((e): e is Extract<EngineEvent, { type: K }> => e.type === type && (sessionId === undefined || e.sessionId === sessionId));
  }
}

export const isType =
  <K extends EngineEvent['type']>(type: K, sessionId?: string) =>
  (e: EngineEvent): e is Extract<EngineEvent, { type: K }> =>
    e.type === type && (sessionId === undefined || e.sessionId === sessionId);

export interface Side {
  engine: OtrEngine;
  rec: Recorder;
  identity: Identity;
}

/** Called for each wire text on its way between the two sides; return false to drop it. */
export type Tap = (from: 'a' | 'b', sessionId: string, wire: string) => boolean | void;

/**
 * Two worker engines with their own identities. Wire text of session `id` on one side is delivered
 * to session `id` on the other, in order, unless the tap drops it.
 */
export async function enginePair(tap: Tap = () => true): Promise<{ a: Side; b: Side; dispose: () => Promise<void> }> {
  const make = async (identity: Identity): Promise<Side> => {
    const engine = createWorkerEngine();
    const rec = new Recorder(engine);
    await engine.useIdentity(identity);
    return { engine, rec, identity };
  };
  const [a, b] = await Promise.all([make(alice), make(bob)]);
  const wire = (from: Side, to: Side, name: 'a' | 'b'): void => {
    from.engine.onEvent((e) => {
      if (e.type === 'io' && tap(name, e.sessionId, e.wire) !== false) to.engine.receive(e.sessionId, e.wire, null);
    });
  };
  wire(a, b, 'a');
  wire(b, a, 'b');
  return { a, b, dispose: async () => void (await Promise.all([a.engine.dispose(), b.engine.dispose()])) };
}

/** Opens `id` on both sides, lets A ask for privacy through send(), and waits until both are secure. */
export async function goPrivate(a: Side, b: Side, id: string, fragmentSize = 0, firstMessage = 'hello'): Promise<void> {
  const fromA = a.rec.mark();
  const fromB = b.rec.mark();
  a.engine.openSession(id, { fragmentSize });
  b.engine.openSession(id, { fragmentSize });
  a.engine.send(id, firstMessage, 'first');
  await Promise.all([a.rec.waitFor(isType('secure', id), fromA), b.rec.waitFor(isType('secure', id), fromB)]);
}
