import type { WebSocket } from 'ws';

import { stringifyEJSON } from '../util/ejson.js';
import { randomId } from '../util/ids.js';
import type { TrafficGate } from './gate.js';

export interface StreamSubscription {
  subId: string;
  stream: string;
  eventName: string;
}

/**
 * One DDP connection: its login, its subscriptions, the ordered outgoing queue (paused/delayed by the gate)
 * and the heartbeat that pings an idle peer and drops it when nothing comes back.
 */
export class Session {
  readonly id = randomId();
  userId: string | null = null;
  hashedToken: string | null = null;
  connectionStatus: 'online' | 'away' = 'online';
  connected = false;
  /** The peer's IP address, as the rate limiter's per-IP rule sees it. */
  clientAddress = '127.0.0.1';
  closed = false;
  readonly subs = new Map<string, StreamSubscription>();
  private readonly heldOut: string[] = [];
  private readonly heldIn: string[] = [];
  private lastDue = 0;
  private heartbeat: NodeJS.Timeout | undefined;
  private readonly stopResume: () => void;

  constructor(
    private readonly ws: WebSocket,
    private readonly gate: TrafficGate,
    private readonly pingIntervalMs: number,
    private readonly dispatch: (session: Session, raw: string) => void,
  ) {
    this.stopResume = gate.onResume(() => this.release());
    this.armHeartbeat();
  }

  send(frame: object): void {
    this.sendRaw(stringifyEJSON(frame));
  }

  /** Queues text as-is (the fault controls use it for frames that are not JSON). */
  sendRaw(text: string): void {
    if (this.closed) return;
    if (this.gate.paused) {
      this.heldOut.push(text);
      return;
    }
    this.deliver(text);
  }

  receive(raw: string): void {
    if (this.closed) return;
    this.armHeartbeat();
    if (this.gate.paused) {
      this.heldIn.push(raw);
      return;
    }
    this.dispatch(this, raw);
  }

  /** Abrupt end: no close frame, like a cable pulled. */
  terminate(): void {
    this.ws.terminate();
  }

  /** Polite end with a close frame; forced if the peer does not answer it. */
  close(code: number, reason: string): void {
    this.ws.close(code, reason);
    setTimeout(() => this.ws.terminate(), 500).unref();
  }

  /** Called once the socket is gone. */
  dispose(): void {
    this.closed = true;
    this.stopResume();
    if (this.heartbeat) clearTimeout(this.heartbeat);
    this.heldIn.length = 0;
    this.heldOut.length = 0;
  }

  private deliver(text: string): void {
    const now = Date.now();
    const due = Math.max(now + this.gate.delayMs, this.lastDue);
    if (due <= now) {
      this.ws.send(text);
      return;
    }
    // Frames scheduled later than earlier delayed ones still go out in order.
    this.lastDue = due;
    setTimeout(() => {
      if (!this.closed) this.ws.send(text);
    }, due - now);
  }

  private release(): void {
    if (this.closed) return;
    for (const text of this.heldOut.splice(0)) this.deliver(text);
    while (this.heldIn.length > 0 && !this.closed && !this.gate.paused) {
      this.dispatch(this, this.heldIn.shift() ?? '');
    }
  }

  private armHeartbeat(next: () => void = () => this.onIdle()): void {
    if (this.heartbeat) clearTimeout(this.heartbeat);
    this.heartbeat = setTimeout(next, this.pingIntervalMs);
    this.heartbeat.unref();
  }

  private onIdle(): void {
    if (this.closed) return;
    if (this.gate.paused) {
      this.armHeartbeat();
      return;
    }
    this.send({ msg: 'ping' });
    this.armHeartbeat(() => this.onSilent());
  }

  private onSilent(): void {
    if (this.closed) return;
    if (this.gate.paused) {
      this.armHeartbeat();
      return;
    }
    this.terminate();
  }
}
