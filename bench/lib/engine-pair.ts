// Two OTR engines wired back to back in memory: what one side sends, the other receives, in order.
import type { EngineEvent, Identity, OtrEngine } from '../../src/otr/ports.js';

const WAIT_LIMIT_MS = 120_000;

/** The next event of `engine` that matches; rejects after two minutes so a broken run cannot hang the bench. */
export function nextEvent<E extends EngineEvent>(engine: OtrEngine, match: (e: EngineEvent) => e is E): Promise<E>;
export function nextEvent(engine: OtrEngine, match: (e: EngineEvent) => boolean): Promise<EngineEvent>;
export function nextEvent(engine: OtrEngine, match: (e: EngineEvent) => boolean): Promise<EngineEvent> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error('The OTR engine did not report the expected event'));
    }, WAIT_LIMIT_MS);
    const off = engine.onEvent((event) => {
      if (event.type === 'error' && event.fatal) {
        clearTimeout(timer);
        off();
        reject(new Error(`OTR engine error: ${event.message}`));
        return;
      }
      if (!match(event)) return;
      clearTimeout(timer);
      off();
      resolve(event);
    });
  });
}

export const isSecure = (sessionId: string) => (e: EngineEvent): boolean => e.type === 'secure' && e.sessionId === sessionId;
export const isMessage = (sessionId: string) => (e: EngineEvent): boolean => e.type === 'message' && e.sessionId === sessionId;
export const isSmpResult = (sessionId: string) => (e: EngineEvent): boolean =>
  e.type === 'smp' && e.event === 'result' && e.sessionId === sessionId;
export const isSmpQuestion = (sessionId: string) => (e: EngineEvent): boolean =>
  e.type === 'smp' && e.event === 'question' && e.sessionId === sessionId;

export interface EnginePair {
  a: OtrEngine;
  b: OtrEngine;
  dispose(): Promise<void>;
}

/** Two engines with identities loaded, every session of one linked to the same id on the other. */
export async function enginePair(make: () => OtrEngine, identities: readonly [Identity, Identity]): Promise<EnginePair> {
  const a = make();
  const b = make();
  await Promise.all([a.useIdentity(identities[0]), b.useIdentity(identities[1])]);
  const offA = a.onEvent((e) => {
    if (e.type === 'io') b.receive(e.sessionId, e.wire, null);
  });
  const offB = b.onEvent((e) => {
    if (e.type === 'io') a.receive(e.sessionId, e.wire, null);
  });
  return {
    a,
    b,
    async dispose() {
      offA();
      offB();
      await Promise.all([a.dispose(), b.dispose()]);
    },
  };
}

/**
 * Opens `sessionId` on both sides and runs the AKE (a's first message starts it). Resolves, once that first
 * message has arrived too, with the milliseconds until both sides were secure.
 */
export async function handshake(pair: EnginePair, sessionId: string): Promise<number> {
  const start = performance.now();
  const secure = Promise.all([nextEvent(pair.a, isSecure(sessionId)), nextEvent(pair.b, isSecure(sessionId))]).then(
    () => performance.now() - start,
  );
  pair.a.openSession(sessionId, { fragmentSize: 0 });
  pair.b.openSession(sessionId, { fragmentSize: 0 });
  // Sessions require encryption: this message waits for the AKE that sending it starts.
  const delivered = nextEvent(pair.b, isMessage(sessionId));
  pair.a.send(sessionId, 'hello', null);
  const ms = await secure;
  await delivered;
  return ms;
}

/** SMP with a question, started by a and answered correctly by b; resolves when both have the result. */
export async function smp(pair: EnginePair, sessionId: string): Promise<void> {
  const asked = nextEvent(pair.b, isSmpQuestion(sessionId));
  const results = Promise.all([nextEvent(pair.a, isSmpResult(sessionId)), nextEvent(pair.b, isSmpResult(sessionId))]);
  pair.a.smpStart(sessionId, 'the blue door', 'Where did we meet?');
  await asked;
  pair.b.smpAnswer(sessionId, 'the blue door');
  await results;
}

/** Strict back-and-forth: each side answers the message it just got, so every receive meets new DH keys. */
export async function pingPong(pair: EnginePair, sessionId: string, messages: number, text: string): Promise<void> {
  for (let i = 0; i < messages; i++) {
    const [from, to] = i % 2 === 0 ? [pair.a, pair.b] : [pair.b, pair.a];
    const arrived = nextEvent(to, isMessage(sessionId));
    from.send(sessionId, text, null);
    await arrived;
  }
}
