// Outgoing messages, strictly one after the other (OTR fragments must arrive in order). A send survives
// disconnects, timeouts and rate limits: it is repeated with the same id until the server confirms it, and only
// an error that repeating cannot fix (too long, not allowed, ...) gives up.
import { sleep, type Clock } from './clock.js';
import { DdpMethodError } from './ddp-connection.js';
import { fromDdpError, RcError, rcError } from './errors.js';
import { toRcMessage } from './records.js';
import { MessageRecord } from './schemas.js';
import type { RcMessage } from './types.js';

interface Outgoing {
  id: string;
  roomId: string;
  text: string;
  onWire: boolean;
  resolve(message: RcMessage): void;
  reject(error: RcError): void;
}

export interface SendQueueDeps {
  /** Calls a method on the online connection; rejects with RcError 'disconnected' when there is none. */
  call(method: string, params: unknown[]): Promise<unknown>;
  /** Resolves when online; rejects (with RcError) when the session ended. */
  whenOnline(): Promise<void>;
  clock: Clock;
}

/** Errors a repeat can cure: the server may not have seen the send, or asked us to slow down. */
const RETRYABLE = new Set(['disconnected', 'timeout', 'rate-limited']);

export class SendQueue {
  private readonly queue: Outgoing[] = [];
  private pumping = false;

  constructor(private readonly deps: SendQueueDeps) {}

  enqueue(roomId: string, text: string, id: string): Promise<RcMessage> {
    return new Promise((resolve, reject) => {
      this.queue.push({ id, roomId, text, onWire: false, resolve, reject });
      void this.pump();
    });
  }

  has(id: string): boolean {
    return this.queue.some((item) => item.id === id);
  }

  /** Removes a send that is not on the wire; its promise rejects with 'invalid-request' (discarded). */
  discard(id: string): boolean {
    const index = this.queue.findIndex((item) => item.id === id && !item.onWire);
    if (index < 0) return false;
    const [item] = this.queue.splice(index, 1);
    item?.reject(rcError('invalid-request', 'discarded'));
    return true;
  }

  /** Rejects everything still queued (sign-out). */
  clear(error: RcError): void {
    for (const item of this.queue.splice(0)) item.reject(error);
  }

  get length(): number {
    return this.queue.length;
  }

  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      for (let item = this.queue[0]; item; item = this.queue[0]) {
        try {
          await this.deps.whenOnline();
        } catch (error) {
          this.clear(error instanceof RcError ? error : rcError('not-signed-in'));
          return;
        }
        if (this.queue[0] !== item) continue;
        const outcome = await this.attempt(item);
        if (outcome === 'retry') continue;
        this.queue.shift();
      }
    } finally {
      this.pumping = false;
    }
  }

  private async attempt(item: Outgoing): Promise<'done' | 'retry'> {
    item.onWire = true;
    try {
      const result = MessageRecord.safeParse(await this.deps.call('sendMessage', [{ _id: item.id, rid: item.roomId, msg: item.text }]));
      // Rocket.Chat 8 swallows most refusals and answers with nothing (the reason goes to an ephemeral notice).
      if (result.success && result.data._id === item.id) item.resolve(toRcMessage(result.data));
      else item.reject(rcError('not-allowed', 'The server did not accept the message.'));
      return 'done';
    } catch (thrown) {
      item.onWire = false;
      const error = thrown instanceof DdpMethodError ? fromDdpError(thrown.ddp, this.deps.clock.now())
        : thrown instanceof RcError ? thrown : rcError('internal');
      if (!RETRYABLE.has(error.code)) {
        item.reject(error);
        return 'done';
      }
      if (error.code === 'rate-limited') {
        await sleep(this.deps.clock, (error.info.retryAt ?? this.deps.clock.now() + 1000) - this.deps.clock.now());
      }
      return 'retry';
    }
  }
}
