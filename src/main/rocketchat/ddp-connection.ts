// One DDP session over one socket, from `connect` to close, spoken by @rocket.chat/sdk's DDPDriver (patched, see
// sdk-driver.ts). What the sdk leaves to its caller is done here: every call and sub ends (result, nosub, timeout,
// or 'disconnected' at close), params go out as EJSON and results come back decoded, stream frames are validated,
// and a socket that stays silent is dropped. Never reused: after a drop the reconnect loop opens a fresh one, so
// subscriptions of a dead socket cannot leak into the next.
import { type Clock, type TimerHandle } from './clock.js';
import { fromEjson, toEjson } from './ejson.js';
import type { CallKind, Pacer } from './budget.js';
import { isRateLimit, rcError, retryAtOf } from './errors.js';
import { ChangedFrame, DdpError } from './schemas.js';
import { createSdkDriver, type SdkDriver, type SdkFrame } from './sdk-driver.js';
import type { FrameSocket, SocketFactory } from './socket.js';
import type { Logger } from './types.js';

/** A method or subscription the server refused; `ddp` is its error object as sent. */
export class DdpMethodError extends Error {
  readonly ddp: DdpError;
  constructor(ddp: DdpError) {
    super(`server refused: ${String(ddp.error ?? 'unknown')}`);
    this.name = 'DdpMethodError';
    this.ddp = ddp;
  }
}

export interface DdpConnectionDeps {
  openSocket: SocketFactory;
  clock: Clock;
  logger: Logger;
  connectTimeoutMs: number;
  callTimeoutMs: number;
  /** Silence after which the driver pings the server. */
  pingIdleMs: number;
  /** How long after that the socket may stay silent before it counts as dead. */
  pingTimeoutMs: number;
  /** Paces calls and subscriptions to the server's rate limits (none: sent at once). */
  pace?: Pacer;
}

export interface DdpEvents {
  onChanged(collection: string, eventName: string, args: unknown[]): void;
  /** The server ended a subscription that was ready (not one we asked to end). */
  onSubscriptionLost(subId: string, error: DdpError | undefined): void;
  onClosed(reason: string): void;
}

const textOf = (value: unknown, fallback: string): string => (typeof value === 'string' && value ? value : fallback);

interface Waiter {
  reject(error: Error): void;
}

export class DdpConnection {
  private readonly driver: SdkDriver;
  private socket: FrameSocket | undefined;
  private readonly waiters = new Set<Waiter>();
  private readonly readySubs = new Set<string>();
  private closedReason: string | undefined;
  private deadTimer: TimerHandle;
  private opening = true;

  private constructor(url: string, private readonly deps: DdpConnectionDeps, private readonly events: DdpEvents) {
    this.driver = createSdkDriver(url, deps.openSocket, deps.logger, {
      onText: () => this.touch(),
      opened: (socket) => {
        this.socket = socket;
        // The driver opens its socket a tick after connect(); a close in between must still drop it.
        if (this.closedReason !== undefined) socket.close();
      },
    });
    const { ddp } = this.driver;
    ddp.config.ping = deps.pingIdleMs;
    ddp.on('changed', (frame) => this.changed(frame));
    ddp.on('nosub', (frame) => this.nosub(frame));
    ddp.on('failed', (frame) => this.close(`server refused DDP version ${textOf(frame.version, '?')}`));
    ddp.on('error', (frame) => deps.logger.warn(`[rocketchat] server reported a protocol error: ${textOf(frame.reason, 'no reason')}`));
    ddp.on('close', (event) => this.close(textOf(event.reason, 'socket closed')));
  }

  /** Opens the socket and completes the DDP handshake; rejects with 'server-unreachable' or 'timeout'. */
  static async open(url: string, deps: DdpConnectionDeps, events: DdpEvents): Promise<DdpConnection> {
    const connection = new DdpConnection(url, deps, events);
    await connection.settle(deps.connectTimeoutMs, connection.driver.connect(), 'connect timeout');
    connection.opening = false;
    connection.touch();
    return connection;
  }

  get closed(): boolean {
    return this.closedReason !== undefined;
  }

  async call(method: string, params: unknown[], timeoutMs = this.deps.callTimeoutMs): Promise<unknown> {
    const wire = params.map(toEjson);
    if (this.deps.pace) {
      // A call on a dead connection must not use up the budget of the next one.
      if (this.closedReason !== undefined) throw rcError('disconnected', this.closedReason);
      await this.deps.pace.take('method', method);
    }
    return fromEjson(await this.noteRefusal('method', method, this.settle(timeoutMs, this.lazy(() => this.driver.methodCall(method, ...wire)))));
  }

  /** Subscribes to one event of a stream (params `[event, {useCollection:false, args:[]}]`, as the sdk builds them). */
  async subscribe(stream: string, eventName: string): Promise<string> {
    if (this.deps.pace) {
      if (this.closedReason !== undefined) throw rcError('disconnected', this.closedReason);
      await this.deps.pace.take('subscription', stream);
    }
    const { id } = await this.noteRefusal('subscription', stream,
      this.settle(this.deps.callTimeoutMs, this.lazy(() => this.driver.subscribe(stream, eventName))));
    this.readySubs.add(id);
    return id;
  }

  /** Starts the driver's request only on an open connection (a paced call may find it closed). */
  private lazy<T>(start: () => Promise<T>): Promise<T> {
    return this.closedReason === undefined ? start() : Promise.reject(rcError('disconnected', this.closedReason));
  }

  /** Tells the pacer about a rate-limit refusal the server still sent (its budget was wrong or shared). */
  private async noteRefusal<T>(kind: CallKind, name: string, answer: Promise<T>): Promise<T> {
    try {
      return await answer;
    } catch (error) {
      if (error instanceof DdpMethodError && isRateLimit(error.ddp)) {
        this.deps.pace?.refused(kind, name, retryAtOf(error.ddp, this.deps.clock.now()));
      }
      throw error;
    }
  }

  unsubscribe(subId: string): void {
    if (this.readySubs.delete(subId)) this.driver.unsubscribe({ id: subId }).catch(() => undefined);
  }

  /** Ends the session: every pending call and sub is rejected with 'disconnected'. Idempotent. */
  close(reason: string): void {
    if (this.closedReason !== undefined) return;
    this.closedReason = reason;
    this.deps.clock.clearTimeout(this.deadTimer);
    // Dropped, not closed politely: a half-dead peer may never answer a closing handshake.
    this.socket?.close();
    const error = this.opening
      ? rcError(reason === 'connect timeout' ? 'timeout' : 'server-unreachable', reason)
      : rcError('disconnected', reason);
    for (const waiter of this.waiters) waiter.reject(error);
    this.waiters.clear();
    this.readySubs.clear();
    if (!this.opening) this.events.onClosed(reason);
  }

  /**
   * The sdk's promise, bounded: it ends with its answer (a DDP error object becomes DdpMethodError), with
   * 'timeout' after `timeoutMs`, or with 'disconnected' when the connection closes first.
   */
  private settle<T>(timeoutMs: number, answer: Promise<T>, timeoutReason?: string): Promise<T> {
    if (this.closedReason !== undefined) {
      answer.catch(() => undefined);
      return Promise.reject(rcError('disconnected', this.closedReason));
    }
    return new Promise<T>((resolve, reject) => {
      const waiter: Waiter = { reject };
      const timer = this.deps.clock.setTimeout(() => {
        if (!this.waiters.delete(waiter)) return;
        if (timeoutReason) this.close(timeoutReason);
        reject(rcError('timeout'));
      }, timeoutMs);
      this.waiters.add(waiter);
      const done = (): boolean => {
        this.deps.clock.clearTimeout(timer);
        return this.waiters.delete(waiter);
      };
      answer.then(
        (value) => {
          if (done()) resolve(value);
        },
        (error: unknown) => {
          if (done()) reject(this.failure(error));
        },
      );
    });
  }

  private failure(error: unknown): Error {
    const ddp = DdpError.safeParse(error);
    if (ddp.success && !(error instanceof Error)) return new DdpMethodError(ddp.data);
    return rcError('disconnected', error instanceof Error ? error.message : 'the DDP driver gave up');
  }

  /** Any frame proves the socket alive. The driver pings after pingIdleMs of silence; pingTimeoutMs later we give up. */
  private touch(): void {
    if (this.closedReason !== undefined || this.opening) return;
    const { clock } = this.deps;
    clock.clearTimeout(this.deadTimer);
    this.deadTimer = clock.setTimeout(() => this.close('no answer to ping'), this.deps.pingIdleMs + this.deps.pingTimeoutMs);
  }

  private changed(raw: SdkFrame): void {
    if (this.closedReason !== undefined) return;
    // Only streams are ours; Meteor collections (the own record in `users`) are not used.
    if (typeof raw.collection === 'string' && !raw.collection.startsWith('stream-')) return;
    const parsed = ChangedFrame.safeParse(fromEjson(raw));
    if (!parsed.success) {
      this.deps.logger.warn('[rocketchat] dropped a malformed DDP frame');
      return;
    }
    const { collection, fields } = parsed.data;
    if (fields) this.events.onChanged(collection, fields.eventName, fields.args);
  }

  /** A nosub for a sub that was ready (the driver settles the ones still pending). */
  private nosub(raw: SdkFrame): void {
    if (typeof raw.id !== 'string' || !this.readySubs.delete(raw.id)) return;
    const error = DdpError.safeParse(raw.error);
    this.events.onSubscriptionLost(raw.id, error.success ? error.data : undefined);
  }
}
