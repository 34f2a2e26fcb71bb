// Outgoing messages, strictly one after the other (OTR fragments must arrive in order). A send survives
// disconnects, timeouts and rate limits: it is repeated with the same id a bounded number of times, and an error
// that repeating cannot fix (too long, not allowed, ...) gives up at once. Rocket.Chat 8 answers a repeat of a
// stored id with nothing, and swallows most refusals the same way (telling the sender on `<uid>/message`), so an
// empty answer is confirmed by seeing the message (stream or history) or refused by the notice.
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
  /** A thread reply: the parent's id. */
  tmid?: string;
  onWire: boolean;
  /** Disconnects, timeouts and rate limits met so far. */
  retries: number;
  /** The server's notice about this room while the send was on the wire. */
  notice?: string;
  onNotice?: (text: string) => void;
  resolve(message: RcMessage): void;
  reject(error: RcError): void;
}

export interface SendQueueDeps {
  /** Calls a method on the online connection; rejects with RcError 'disconnected' when there is none. */
  call(method: string, params: unknown[]): Promise<unknown>;
  /** Resolves when online; rejects (with RcError) when the session ended. */
  whenOnline(): Promise<void>;
  /** The stored message with this id, once seen on a stream or in history within a bounded wait; else undefined. */
  confirm(roomId: string, id: string): Promise<RcMessage | undefined>;
  clock: Clock;
}

/** Repeats of one send after disconnects, timeouts or rate limits before it is marked failed. */
const MAX_RETRIES = 8;

/** The server's words about a dropped send, as an error the user can read in their language. */
export function noticeError(text: string): RcError {
  if (/read.?only/i.test(text)) return rcError('room-read-only', text);
  if (/muted/i.test(text)) return rcError('muted', text);
  if (/archived/i.test(text)) return rcError('room-archived', text);
  return rcError('not-allowed', text);
}

/** Errors a repeat can cure: the server may not have seen the send, or asked us to slow down. */
const RETRYABLE = new Set(['disconnected', 'timeout', 'rate-limited']);

export class SendQueue {
  private readonly queue: Outgoing[] = [];
  private pumping = false;

  constructor(private readonly deps: SendQueueDeps) {}

  enqueue(roomId: string, text: string, id: string, tmid?: string): Promise<RcMessage> {
    return new Promise((resolve, reject) => {
      this.queue.push({ id, roomId, text, ...(tmid ? { tmid } : {}), onWire: false, retries: 0, resolve, reject });
      void this.pump();
    });
  }

  /** An ephemeral notice about a room: it explains why the send on the wire to that room was dropped. */
  refusedByNotice(roomId: string, text: string): void {
    const item = this.queue[0];
    if (!item?.onWire || item.roomId !== roomId) return;
    item.notice = text;
    item.onNotice?.(text);
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
    item.notice = undefined;
    try {
      const result = MessageRecord.safeParse(await this.deps.call('sendMessage', [{ _id: item.id, rid: item.roomId, msg: item.text, ...(item.tmid ? { tmid: item.tmid } : {}) }]));
      if (result.success && result.data._id === item.id) item.resolve(toRcMessage(result.data));
      else await this.confirm(item);
      return 'done';
    } catch (thrown) {
      item.onWire = false;
      const error = thrown instanceof DdpMethodError ? fromDdpError(thrown.ddp, this.deps.clock.now())
        : thrown instanceof RcError ? thrown : rcError('internal');
      if (!RETRYABLE.has(error.code)) {
        item.reject(error);
        return 'done';
      }
      item.retries += 1;
      if (item.retries > MAX_RETRIES) {
        item.reject(rcError('not-confirmed', error.info.detail));
        return 'done';
      }
      if (error.code === 'rate-limited') {
        await sleep(this.deps.clock, (error.info.retryAt ?? this.deps.clock.now() + 1000) - this.deps.clock.now());
      }
      return 'retry';
    }
  }

  /** An empty answer: a repeat of a stored id (the message exists) or a refusal (a notice, or nothing at all). */
  private async confirm(item: Outgoing): Promise<void> {
    const noticed = item.notice !== undefined ? Promise.resolve(item.notice)
      : new Promise<string>((resolve) => { item.onNotice = resolve; });
    const outcome = await Promise.race([
      noticed.then((notice) => ({ notice })),
      this.deps.confirm(item.roomId, item.id).then((message) => ({ message }), () => ({ message: undefined })),
    ]);
    item.onNotice = undefined;
    if ('notice' in outcome) item.reject(noticeError(outcome.notice));
    else if (outcome.message) item.resolve(outcome.message);
    else item.reject(rcError('not-confirmed', 'The server did not confirm the message.'));
  }
}
