// Test-only DDP client: a plain `ws` socket speaking the frames from the protocol reference, nothing more.
import { createHash, randomUUID } from 'node:crypto';

import WebSocket from 'ws';

/** Whatever JSON.parse yields: frames are untyped wire data, and tests read them field by field. */
export type ParsedJson = ReturnType<typeof JSON.parse>;
export type Frame = Record<string, ParsedJson>;

export interface CallOutcome {
  result?: ParsedJson;
  error?: ParsedJson;
}

function toDates(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toDates);
  if (typeof value !== 'object' || value === null) return value;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj);
  if (keys.length === 1 && keys[0] === '$date' && typeof obj.$date === 'number') return new Date(obj.$date);
  return Object.fromEntries(keys.map((k) => [k, toDates(obj[k])]));
}

function toWire(value: unknown): string {
  return JSON.stringify(value, function replacer(this: Record<string, unknown>, key, current: unknown) {
    const original = this[key];
    return original instanceof Date ? { $date: original.getTime() } : current;
  });
}

export const digest = (password: string): string => createHash('sha256').update(password).digest('hex');

export class TestDdp {
  readonly frames: Frame[] = [];
  readonly raw: string[] = [];
  answerPings = true;
  private readonly waiters = new Set<() => void>();
  private readonly frameListeners = new Set<(frame: Frame) => void>();
  private seq = 0;
  readonly closed: Promise<{ code: number }>;

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const text = Buffer.isBuffer(data) ? data.toString('utf8') : Buffer.from(data as ArrayBuffer).toString('utf8');
      this.raw.push(text);
      let frame: Frame;
      try {
        frame = toDates(JSON.parse(text)) as Frame;
      } catch {
        frame = { unparsable: text };
      }
      this.frames.push(frame);
      if (frame.msg === 'ping' && this.answerPings) this.send({ msg: 'pong', ...(frame.id ? { id: frame.id } : {}) });
      for (const listener of [...this.frameListeners]) listener(frame);
      for (const wake of [...this.waiters]) wake();
    });
    this.closed = new Promise((resolve) => ws.on('close', (code) => {
      resolve({ code });
      for (const wake of [...this.waiters]) wake();
    }));
  }

  /** Opens a socket to <url>/websocket and, unless told otherwise, does the DDP connect handshake. */
  static async open(url: string, options: { connect?: boolean } = {}): Promise<TestDdp> {
    const ws = new WebSocket(`${url.replace(/^http/, 'ws')}/websocket`);
    const client = new TestDdp(ws);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    await client.waitFor((f) => f.server_id === '0');
    if (options.connect !== false) {
      client.send({ msg: 'connect', version: '1', support: ['1', 'pre2', 'pre1'] });
      await client.waitFor((f) => f.msg === 'connected');
    }
    return client;
  }

  send(frame: unknown): void {
    this.ws.send(typeof frame === 'string' ? frame : toWire(frame));
  }

  /** Calls `listener` with every frame from now on (for test peers that react to what arrives). */
  onFrame(listener: (frame: Frame) => void): () => void {
    this.frameListeners.add(listener);
    return () => this.frameListeners.delete(listener);
  }

  /** The number of frames so far; pass it to waitFor to look only at later frames. */
  mark(): number {
    return this.frames.length;
  }

  /** Resolves with the first frame (at index >= from) that matches; rejects after timeoutMs or on close. */
  waitFor(match: (f: Frame) => boolean, from = 0, timeoutMs = 5000): Promise<Frame> {
    return new Promise((resolve, reject) => {
      const check = (): void => {
        const found = this.frames.slice(from).find(match);
        if (found) {
          cleanup();
          resolve(found);
        } else if (this.ws.readyState === WebSocket.CLOSED) {
          cleanup();
          reject(new Error('socket closed while waiting for a frame'));
        }
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`no matching frame within ${timeoutMs} ms; last frames: ${JSON.stringify(this.frames.slice(-5))}`));
      }, timeoutMs);
      const cleanup = (): void => {
        clearTimeout(timer);
        this.waiters.delete(check);
      };
      this.waiters.add(check);
      check();
    });
  }

  async call(method: string, ...params: unknown[]): Promise<CallOutcome> {
    const id = `m${(this.seq += 1)}`;
    const from = this.mark();
    this.send({ msg: 'method', id, method, params });
    const frame = await this.waitFor((f) => f.msg === 'result' && f.id === id, from);
    return 'error' in frame ? { error: frame.error } : { result: frame.result };
  }

  /** Calls and returns the result, failing the test on an error answer. */
  async ok(method: string, ...params: unknown[]): Promise<ParsedJson> {
    const outcome = await this.call(method, ...params);
    if (outcome.error) throw new Error(`${method} failed: ${JSON.stringify(outcome.error)}`);
    return outcome.result;
  }

  async sub(name: string, ...params: unknown[]): Promise<Frame> {
    const id = `s${(this.seq += 1)}`;
    const from = this.mark();
    this.send({ msg: 'sub', id, name, params });
    return this.waitFor((f) => (f.msg === 'ready' && f.subs?.includes(id)) || (f.msg === 'nosub' && f.id === id), from);
  }

  /** Subscribes to a stream event the way the web client does; fails the test unless the server says ready. */
  async stream(name: string, eventName: string): Promise<string> {
    const frame = await this.sub(name, eventName, { useCollection: false, args: [] });
    if (frame.msg !== 'ready') throw new Error(`sub ${name} ${eventName} refused: ${JSON.stringify(frame)}`);
    return frame.subs[0] as string;
  }

  /** A round trip: every frame the server queued for this socket before now has arrived when it resolves. */
  async barrier(): Promise<void> {
    const id = randomUUID();
    const from = this.mark();
    this.send({ msg: 'ping', id });
    await this.waitFor((f) => f.msg === 'pong' && f.id === id, from);
  }

  /**
   * A WebSocket-level ping/pong, answered by the transport itself. When it resolves, the server has read every
   * frame sent before it, and any frame it sent in reply without delay has already arrived here.
   */
  transportRoundTrip(): Promise<void> {
    return new Promise((resolve) => {
      this.ws.once('pong', () => resolve());
      this.ws.ping();
    });
  }

  events(collection: string, eventName: string, from = 0): ParsedJson[][] {
    return this.frames.slice(from)
      .filter((f) => f.msg === 'changed' && f.collection === collection && f.fields?.eventName === eventName)
      .map((f) => f.fields.args as ParsedJson[]);
  }

  waitForEvent(collection: string, eventName: string, from = 0): Promise<ParsedJson[]> {
    return this.waitFor((f) => f.msg === 'changed' && f.collection === collection && f.fields?.eventName === eventName, from)
      .then((f) => f.fields.args as ParsedJson[]);
  }

  async login(username: string, password: string): Promise<{ id: string; token: string }> {
    return this.ok('login', { user: { username }, password: { digest: digest(password), algorithm: 'sha-256' } });
  }

  close(): void {
    this.ws.terminate();
  }
}

/** Opens, connects and logs in. */
export async function loggedIn(url: string, username: string, password = 'demo'): Promise<TestDdp & { uid: string }> {
  const client = await TestDdp.open(url);
  const { id } = await client.login(username, password);
  return Object.assign(client, { uid: id });
}
