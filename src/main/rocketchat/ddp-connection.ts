// One DDP session over one socket, from `connect` to close. It is never reused: after a drop the reconnect loop
// opens a fresh one, so subscriptions and call ids of a dead socket cannot leak into the next (the sdk's
// duplicated-subscription bug). Every call and sub ends: result, nosub, timeout, or 'disconnected' at close.
import { type Clock, type TimerHandle } from './clock.js';
import { parseEjsonFrame, stringifyEjson } from './ejson.js';
import { rcError } from './errors.js';
import { DdpFrame, type DdpError } from './schemas.js';
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
  pingIdleMs: number;
  pingTimeoutMs: number;
}

export interface DdpEvents {
  onChanged(collection: string, eventName: string, args: unknown[]): void;
  /** The server ended a subscription that was ready (not one we asked to end). */
  onSubscriptionLost(subId: string, error: DdpError | undefined): void;
  onClosed(reason: string): void;
}

interface Waiter {
  resolve(value: unknown): void;
  reject(error: Error): void;
  timer: TimerHandle;
}

export class DdpConnection {
  private socket: FrameSocket | undefined;
  private readonly calls = new Map<string, Waiter>();
  private readonly pendingSubs = new Map<string, Waiter>();
  private readonly readySubs = new Set<string>();
  private nextId = 1;
  private closedReason: string | undefined;
  private idleTimer: TimerHandle;
  private deadTimer: TimerHandle;
  private connectWaiter: Waiter | undefined;

  private constructor(private readonly deps: DdpConnectionDeps, private readonly events: DdpEvents) {}

  /** Opens the socket and completes the DDP handshake; rejects with 'server-unreachable' or 'timeout'. */
  static open(url: string, deps: DdpConnectionDeps, events: DdpEvents): Promise<DdpConnection> {
    const connection = new DdpConnection(deps, events);
    return new Promise<DdpConnection>((resolve, reject) => {
      const timer = deps.clock.setTimeout(() => {
        connection.close('connect timeout');
      }, deps.connectTimeoutMs);
      connection.connectWaiter = { resolve: () => resolve(connection), reject, timer };
      connection.socket = deps.openSocket(url, {
        onOpen: () => connection.sendFrame({ msg: 'connect', version: '1', support: ['1', 'pre2', 'pre1'] }),
        onText: (text) => connection.receive(text),
        onClose: (reason) => connection.close(reason),
      });
    });
  }

  get closed(): boolean {
    return this.closedReason !== undefined;
  }

  call(method: string, params: unknown[], timeoutMs = this.deps.callTimeoutMs): Promise<unknown> {
    const id = `m${this.nextId++}`;
    return this.wait(this.calls, id, timeoutMs, { msg: 'method', id, method, params });
  }

  /** Resolves with the subscription id once the server says `ready`. */
  async subscribe(name: string, params: unknown[]): Promise<string> {
    const id = `s${this.nextId++}`;
    await this.wait(this.pendingSubs, id, this.deps.callTimeoutMs, { msg: 'sub', id, name, params });
    return id;
  }

  unsubscribe(subId: string): void {
    if (this.readySubs.delete(subId)) this.sendFrame({ msg: 'unsub', id: subId });
  }

  /** Ends the session: every pending call and sub is rejected with 'disconnected'. Idempotent. */
  close(reason: string): void {
    if (this.closedReason !== undefined) return;
    this.closedReason = reason;
    this.deps.clock.clearTimeout(this.idleTimer);
    this.deps.clock.clearTimeout(this.deadTimer);
    this.socket?.close();
    const connectWaiter = this.connectWaiter;
    this.connectWaiter = undefined;
    if (connectWaiter) {
      this.deps.clock.clearTimeout(connectWaiter.timer);
      const code = reason === 'connect timeout' ? 'timeout' : 'server-unreachable';
      connectWaiter.reject(rcError(code, reason));
      return;
    }
    for (const waiters of [this.calls, this.pendingSubs]) {
      for (const [id, waiter] of waiters) {
        waiters.delete(id);
        this.deps.clock.clearTimeout(waiter.timer);
        waiter.reject(rcError('disconnected', reason));
      }
    }
    this.readySubs.clear();
    this.events.onClosed(reason);
  }

  private wait(waiters: Map<string, Waiter>, id: string, timeoutMs: number, frame: object): Promise<unknown> {
    if (this.closedReason !== undefined || this.connectWaiter) {
      return Promise.reject(rcError('disconnected', this.closedReason ?? 'not connected yet'));
    }
    return new Promise((resolve, reject) => {
      const timer = this.deps.clock.setTimeout(() => {
        if (waiters.delete(id)) reject(rcError('timeout'));
      }, timeoutMs);
      waiters.set(id, { resolve, reject, timer });
      this.sendFrame(frame);
    });
  }

  private settle(waiters: Map<string, Waiter>, id: string): Waiter | undefined {
    const waiter = waiters.get(id);
    if (!waiter) return undefined;
    waiters.delete(id);
    this.deps.clock.clearTimeout(waiter.timer);
    return waiter;
  }

  private sendFrame(frame: object): void {
    if (this.closedReason === undefined) this.socket?.send(stringifyEjson(frame));
  }

  /** Any frame proves the socket alive; after pingIdleMs of silence we ask, and give up pingTimeoutMs later. */
  private touch(): void {
    const { clock } = this.deps;
    clock.clearTimeout(this.deadTimer);
    clock.clearTimeout(this.idleTimer);
    this.idleTimer = clock.setTimeout(() => {
      this.sendFrame({ msg: 'ping', id: `p${this.nextId++}` });
      this.deadTimer = clock.setTimeout(() => this.close('no answer to ping'), this.deps.pingTimeoutMs);
    }, this.deps.pingIdleMs);
  }

  private receive(text: string): void {
    if (this.closedReason !== undefined) return;
    this.touch();
    const raw = parseEjsonFrame(text);
    if (typeof raw === 'object' && raw !== null && !('msg' in raw) && 'server_id' in raw) return;
    const parsed = DdpFrame.safeParse(raw);
    if (!parsed.success) {
      this.deps.logger.warn(`[rocketchat] dropped a malformed DDP frame (${text.length} chars)`);
      return;
    }
    this.handle(parsed.data);
  }

  private handle(frame: DdpFrame): void {
    switch (frame.msg) {
      case 'connected': {
        const waiter = this.connectWaiter;
        this.connectWaiter = undefined;
        if (waiter) {
          this.deps.clock.clearTimeout(waiter.timer);
          waiter.resolve(undefined);
        }
        return;
      }
      case 'failed':
        this.close(`server refused DDP version ${frame.version ?? '?'}`);
        return;
      case 'ping':
        this.sendFrame(frame.id === undefined ? { msg: 'pong' } : { msg: 'pong', id: frame.id });
        return;
      case 'result': {
        const waiter = this.settle(this.calls, frame.id);
        if (frame.error) waiter?.reject(new DdpMethodError(frame.error));
        else waiter?.resolve(frame.result);
        return;
      }
      case 'ready':
        for (const id of frame.subs) {
          const waiter = this.settle(this.pendingSubs, id);
          if (waiter) {
            this.readySubs.add(id);
            waiter.resolve(undefined);
          }
        }
        return;
      case 'nosub': {
        const waiter = this.settle(this.pendingSubs, frame.id);
        if (waiter) waiter.reject(new DdpMethodError(frame.error ?? { error: 'nosub' }));
        else if (this.readySubs.delete(frame.id)) this.events.onSubscriptionLost(frame.id, frame.error);
        return;
      }
      case 'changed':
        if (frame.fields) this.events.onChanged(frame.collection, frame.fields.eventName, frame.fields.args);
        return;
      case 'error':
        this.deps.logger.warn(`[rocketchat] server reported a protocol error: ${frame.reason ?? 'no reason'}`);
        return;
      default:
        return;
    }
  }
}
