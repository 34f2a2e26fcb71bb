// Test doubles for the Rocket.Chat client: a manual clock, an in-memory SecretStore, and a scripted fake DDP peer.
import type { Clock } from '../../src/main/rocketchat/clock.js';
import type { FrameSocket, SocketFactory, SocketHandlers } from '../../src/main/rocketchat/socket.js';
import type { Logger } from '../../src/main/rocketchat/types.js';
import type { SecretStore } from '../../src/otr/ports.js';

/** Lets pending promise callbacks run. */
export async function flush(rounds = 20): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}

export class ManualClock implements Clock {
  private current = 1_700_000_000_000;
  private timers = new Map<number, { at: number; fn: () => void }>();
  private nextId = 1;

  now(): number {
    return this.current;
  }

  setTimeout(fn: () => void, ms: number): unknown {
    const id = this.nextId++;
    this.timers.set(id, { at: this.current + Math.max(0, ms), fn });
    return id;
  }

  clearTimeout(handle: unknown): void {
    if (typeof handle === 'number') this.timers.delete(handle);
  }

  /** Moves time forward, firing due timers in time order and letting promises settle in between. */
  async advance(ms: number): Promise<void> {
    const target = this.current + ms;
    for (;;) {
      const due = [...this.timers.entries()].filter(([, t]) => t.at <= target).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      this.timers.delete(due[0]);
      this.current = Math.max(this.current, due[1].at);
      due[1].fn();
      await flush();
    }
    this.current = target;
    await flush();
  }

  get pending(): number {
    return this.timers.size;
  }
}

export function memorySecrets(): SecretStore & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    encrypted: true,
    read: (name) => Promise.resolve(data.get(name) ?? null),
    write: (name, value) => {
      data.set(name, value);
      return Promise.resolve();
    },
    remove: (name) => {
      data.delete(name);
      return Promise.resolve();
    },
  };
}

export function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  return { lines, warn: (m) => lines.push(m), error: (m) => lines.push(m), info: (m) => lines.push(m) };
}

/** A parsed JSON frame; tests read into it freely. */
export type Frame = ReturnType<typeof JSON.parse>;

export class FakeSocket implements FrameSocket {
  readonly sent: Frame[] = [];
  closed = false;
  constructor(private readonly handlers: SocketHandlers, private readonly peer: FakeDdpPeer) {}

  send(text: string): void {
    if (this.closed) return;
    const frame = JSON.parse(text);
    this.sent.push(frame);
    // A real server answers later, never inside send(): the sdk's driver listens for the answer after sending.
    queueMicrotask(() => this.peer.onFrame(frame, this));
  }

  close(): void {
    this.drop('closed by client');
  }

  /** The server sends a frame (given as an object, or raw text). */
  push(frame: object | string): void {
    if (!this.closed) this.handlers.onText(typeof frame === 'string' ? frame : JSON.stringify(frame));
  }

  drop(reason = 'dropped'): void {
    if (this.closed) return;
    this.closed = true;
    this.handlers.onClose(reason);
  }

  framesOf(msg: string): Frame[] {
    return this.sent.filter((f) => f.msg === msg);
  }
}

/** Thrown by a scripted method to answer with a DDP error object. */
export class PeerError extends Error {
  constructor(readonly ddp: Frame) {
    super('scripted DDP error');
  }
}

/**
 * A scripted DDP peer. It answers `connect` and pings by itself; `methods` answer method calls (return a value,
 * throw PeerError for a DDP error, or return NO_REPLY to stay silent); subs are `ready` by default.
 */
export const NO_REPLY = Symbol('no reply');

export class FakeDdpPeer {
  readonly sockets: FakeSocket[] = [];
  methods: Record<string, (params: Frame[], socket: FakeSocket) => unknown> = {};
  refuseSubs = new Map<string, Frame>();
  reachable = true;

  readonly factory: SocketFactory = (_url, handlers) => {
    const socket = new FakeSocket(handlers, this);
    this.sockets.push(socket);
    queueMicrotask(() => {
      if (this.reachable) handlers.onOpen();
      else socket.drop('connection refused');
    });
    return socket;
  };

  get last(): FakeSocket {
    const socket = this.sockets[this.sockets.length - 1];
    if (!socket) throw new Error('no socket yet');
    return socket;
  }

  onFrame(frame: Frame, socket: FakeSocket): void {
    if (frame.msg === 'connect') socket.push({ msg: 'connected', session: `s${this.sockets.length}` });
    if (frame.msg === 'ping') socket.push({ msg: 'pong', ...(frame.id ? { id: frame.id } : {}) });
    if (frame.msg === 'sub') {
      const refusal = this.refuseSubs.get(`${frame.name}:${frame.params[0]}`);
      socket.push(refusal ? { msg: 'nosub', id: frame.id, error: refusal } : { msg: 'ready', subs: [frame.id] });
    }
    if (frame.msg === 'method') {
      const handler = this.methods[frame.method];
      if (!handler) {
        socket.push({ msg: 'result', id: frame.id, error: { error: 404, reason: `Method '${frame.method}' not found` } });
        return;
      }
      try {
        const result = handler(frame.params, socket);
        if (result !== NO_REPLY) socket.push({ msg: 'result', id: frame.id, ...(result === undefined ? {} : { result }) });
      } catch (error) {
        socket.push({ msg: 'result', id: frame.id, error: error instanceof PeerError ? error.ddp : { error: 500 } });
      }
    }
  }
}
