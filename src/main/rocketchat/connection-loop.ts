// Keeps one DDP connection alive: opens it, lets the client prepare it (resume login, subscribe, resync) and
// reopens it after a drop with exponential backoff. Owns the contract's ConnectionState.
import type { ConnectionState } from '../../contract/model.js';
import { backoffDelay, type BackoffPolicy } from './backoff.js';
import type { TimerHandle } from './clock.js';
import { DdpConnection, type DdpConnectionDeps } from './ddp-connection.js';
import { Emitter } from './emitter.js';
import { RcError, rcError, toErrorInfo } from './errors.js';
import type { DdpError } from './schemas.js';
import type { Logger } from './types.js';

export interface LoopHooks {
  /** Makes a fresh connection usable. Rejecting fails the attempt (a fatal RcError stops the loop). */
  prepare(connection: DdpConnection, reconnect: boolean): Promise<void>;
  isFatal(error: RcError): boolean;
  onChanged(collection: string, eventName: string, args: unknown[]): void;
  onSubscriptionLost(subId: string, error: DdpError | undefined): void;
  /** The online connection is gone (not called for attempts that never got online). */
  onLost(): void;
}

export interface LoopDeps extends DdpConnectionDeps {
  backoff: BackoffPolicy;
  random: () => number;
  logger: Logger;
}

interface Waiter {
  resolve(): void;
  reject(error: RcError): void;
}

export class ConnectionLoop {
  private current: DdpConnection | undefined;
  private url: string | undefined;
  /** Bumped by start/stop/reconnectNow: older attempts notice they are stale and back out. */
  private generation = 0;
  private failures = 0;
  private everOnline = false;
  private retryTimer: TimerHandle;
  private stateValue: ConnectionState = { kind: 'signed-out' };
  private onlineWaiters: Waiter[] = [];
  private firstAttempt: Waiter | undefined;
  readonly states: Emitter<[ConnectionState]>;

  constructor(private readonly deps: LoopDeps, private readonly hooks: LoopHooks) {
    this.states = new Emitter(deps.logger, 'connection state');
  }

  get state(): ConnectionState {
    return this.stateValue;
  }

  get connection(): DdpConnection | undefined {
    return this.stateValue.kind === 'online' ? this.current : undefined;
  }

  /** Starts connecting; resolves when first online, rejects with the first attempt's error (the loop goes on). */
  start(url: string): Promise<void> {
    this.stop();
    this.url = url;
    this.everOnline = false;
    this.failures = 0;
    const first = new Promise<void>((resolve, reject) => {
      this.firstAttempt = { resolve, reject };
    });
    void this.attempt();
    return first;
  }

  /** Closes everything; pending waiters learn 'not-signed-in'. */
  stop(): void {
    this.generation++;
    this.deps.clock.clearTimeout(this.retryTimer);
    const connection = this.current;
    this.current = undefined;
    this.url = undefined;
    connection?.close('signed out');
    this.settleFirst(rcError('not-signed-in'));
    this.rejectWaiters(rcError('not-signed-in'));
    this.setState({ kind: 'signed-out' });
  }

  /** Skips the backoff wait. Does nothing while online or signed out. */
  reconnectNow(): void {
    const kind = this.stateValue.kind;
    if (this.url === undefined || kind === 'online' || kind === 'signed-out' || kind === 'connecting') return;
    this.deps.clock.clearTimeout(this.retryTimer);
    void this.attempt();
  }

  /** Resolves when online; rejects when signed out or offline for good. */
  whenOnline(): Promise<void> {
    if (this.stateValue.kind === 'online') return Promise.resolve();
    if (this.stateValue.kind === 'signed-out') return Promise.reject(rcError('not-signed-in'));
    // Offline means a refusal that retrying cannot cure (the token): waiting would never end.
    if (this.stateValue.kind === 'offline') return Promise.reject(new RcError(this.stateValue.error));
    return new Promise((resolve, reject) => this.onlineWaiters.push({ resolve, reject }));
  }

  /** A method call on the online connection; 'disconnected' at once when there is none. */
  call(method: string, params: unknown[], timeoutMs?: number): Promise<unknown> {
    const connection = this.connection;
    if (!connection) return Promise.reject(rcError(this.stateValue.kind === 'signed-out' ? 'not-signed-in' : 'disconnected'));
    return connection.call(method, params, timeoutMs);
  }

  private async attempt(): Promise<void> {
    const url = this.url;
    if (url === undefined) return;
    const generation = ++this.generation;
    const reconnect = this.everOnline;
    this.setState({ kind: 'connecting' });
    let connection: DdpConnection | undefined;
    try {
      connection = await DdpConnection.open(url, this.deps, {
        onChanged: (collection, eventName, args) => {
          if (generation === this.generation) this.hooks.onChanged(collection, eventName, args);
        },
        onSubscriptionLost: (subId, error) => {
          if (generation === this.generation) this.hooks.onSubscriptionLost(subId, error);
        },
        onClosed: (reason) => this.closed(generation, reason),
      });
      if (generation !== this.generation) throw rcError('disconnected', 'superseded');
      this.current = connection;
      await this.hooks.prepare(connection, reconnect);
      if (generation !== this.generation) throw rcError('disconnected', 'superseded');
      if (connection.closed) throw rcError('disconnected', 'lost while preparing');
    } catch (error) {
      connection?.close('attempt failed');
      if (generation !== this.generation) return;
      this.current = undefined;
      this.failed(error instanceof RcError ? error : rcError('internal', toErrorInfo(error).detail));
      return;
    }
    this.failures = 0;
    this.everOnline = true;
    this.setState({ kind: 'online' });
    this.settleFirst();
    const waiters = this.onlineWaiters;
    this.onlineWaiters = [];
    for (const waiter of waiters) waiter.resolve();
  }

  private closed(generation: number, reason: string): void {
    if (generation !== this.generation || this.stateValue.kind !== 'online') return;
    this.current = undefined;
    this.deps.logger.warn(`[rocketchat] connection lost: ${reason}`);
    this.hooks.onLost();
    this.scheduleRetry(undefined);
  }

  private failed(error: RcError): void {
    this.settleFirst(error);
    if (this.hooks.isFatal(error)) {
      this.generation++;
      this.setState({ kind: 'offline', error: error.info });
      this.rejectWaiters(error);
      return;
    }
    this.deps.logger.warn(`[rocketchat] connection attempt failed: ${error.code}`);
    this.scheduleRetry(error.info.retryAt);
  }

  private scheduleRetry(notBefore: number | undefined): void {
    this.failures++;
    const now = this.deps.clock.now();
    const delay = Math.max(backoffDelay(this.failures, this.deps.backoff, this.deps.random), (notBefore ?? 0) - now);
    this.deps.clock.clearTimeout(this.retryTimer);
    this.retryTimer = this.deps.clock.setTimeout(() => void this.attempt(), delay);
    this.setState({ kind: 'reconnecting', retryAt: now + delay, attempt: this.failures });
  }

  private settleFirst(error?: RcError): void {
    const first = this.firstAttempt;
    this.firstAttempt = undefined;
    if (!first) return;
    if (error) first.reject(error);
    else first.resolve();
  }

  private rejectWaiters(error: RcError): void {
    const waiters = this.onlineWaiters;
    this.onlineWaiters = [];
    for (const waiter of waiters) waiter.reject(error);
  }

  private setState(state: ConnectionState): void {
    if (state.kind === 'signed-out' && this.stateValue.kind === 'signed-out') return;
    this.stateValue = state;
    this.states.emit(state);
  }
}
