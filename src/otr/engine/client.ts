// The OtrEngine API as message passing: each call becomes an EngineCall, queued and sent in one
// batch per tick; events and replies come back through `deliver`. Transport-agnostic.
import type { EngineEvent, EngineSessionOptions, Identity, OtrEngine } from '../ports.js';
import { Problems } from './errors.js';
import type { EngineCall, FromWorker, IdentityCall } from './protocol.js';

type Pending = { resolve: (identity: Identity | undefined) => void; reject: (error: Error) => void };
/** An identity call without its id: the client numbers them. */
type IdentityRequest = IdentityCall extends infer C ? (C extends IdentityCall ? Omit<C, 'id'> : never) : never;

export class EngineClient implements OtrEngine {
  private readonly listeners = new Set<(event: EngineEvent) => void>();
  private readonly pending = new Map<number, Pending>();
  private readonly open = new Set<string>();
  private queue: EngineCall[] = [];
  private nextId = 1;
  private stopped: Error | null = null;

  constructor(
    private readonly post: (calls: EngineCall[]) => void,
    private readonly stop: () => Promise<void>,
  ) {}

  async generateIdentity(): Promise<Identity> {
    const identity = await this.request({ op: 'generateIdentity' });
    if (identity === undefined) throw new Error('The engine returned no identity');
    return identity;
  }

  async useIdentity(identity: Identity): Promise<void> {
    await this.request({ op: 'useIdentity', identity });
  }

  openSession(sessionId: string, options: EngineSessionOptions): void {
    this.open.add(sessionId);
    this.call({ op: 'open', sessionId, options: { fragmentSize: options.fragmentSize } });
  }

  closeSession(sessionId: string): void {
    this.open.delete(sessionId);
    this.call({ op: 'close', sessionId });
  }

  receive(sessionId: string, wire: string, meta: string | null): void {
    this.call({ op: 'receive', sessionId, wire, meta });
  }

  send(sessionId: string, plaintext: string, meta: string | null): void {
    this.call({ op: 'send', sessionId, plaintext, meta });
  }

  end(sessionId: string): void {
    this.call({ op: 'end', sessionId });
  }

  smpStart(sessionId: string, secret: string, question?: string): void {
    this.call(question === undefined ? { op: 'smpStart', sessionId, secret } : { op: 'smpStart', sessionId, secret, question });
  }

  smpAnswer(sessionId: string, secret: string): void {
    this.call({ op: 'smpAnswer', sessionId, secret });
  }

  smpAbort(sessionId: string): void {
    this.call({ op: 'smpAbort', sessionId });
  }

  onEvent(listener: (event: EngineEvent) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  async dispose(): Promise<void> {
    if (this.stopped !== null) return;
    this.stopped = new Error('The OTR engine was disposed');
    this.failPending(this.stopped);
    this.open.clear();
    await this.stop();
  }

  /** Called by the transport with what the engine reported. */
  deliver(message: FromWorker): void {
    for (const reply of message.replies) {
      const waiter = this.pending.get(reply.id);
      if (waiter === undefined) continue;
      this.pending.delete(reply.id);
      if (reply.ok) waiter.resolve(reply.identity);
      else waiter.reject(new Error(reply.error));
    }
    for (const event of message.events) this.dispatch(event);
  }

  /** Called by the transport when the engine died: every open session is lost. */
  crashed(): void {
    if (this.stopped !== null) return;
    this.stopped = new Error(Problems.engineStopped.message);
    this.failPending(this.stopped);
    const { message, fatal } = Problems.engineStopped;
    for (const sessionId of this.open) this.dispatch({ type: 'error', sessionId, message, fatal });
    this.open.clear();
  }

  private dispatch(event: EngineEvent): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(event);
      } catch {
        // One failing listener must not starve the others or break the engine's delivery loop.
      }
    }
  }

  private request(call: IdentityRequest): Promise<Identity | undefined> {
    if (this.stopped !== null) return Promise.reject(this.stopped);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.call({ ...call, id } as IdentityCall);
    });
  }

  private call(call: EngineCall): void {
    if (this.stopped !== null) return;
    this.queue.push(call);
    if (this.queue.length === 1) queueMicrotask(() => this.flush());
  }

  private flush(): void {
    const calls = this.queue;
    this.queue = [];
    if (calls.length > 0 && this.stopped === null) this.post(calls);
  }

  private failPending(error: Error): void {
    for (const waiter of this.pending.values()) waiter.reject(error);
    this.pending.clear();
  }
}
