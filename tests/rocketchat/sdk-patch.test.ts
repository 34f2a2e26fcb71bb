// patches/@rocket.chat+sdk+1.0.0-alpha.42.patch, one test per fix. They drive the sdk's own DDPDriver and Socket
// over a real loopback WebSocket against a scripted DDP peer; against the unpatched package each one fails (an
// answer that never comes fails by the `within` deadline instead of hanging the suite).
import { createRequire } from 'node:module';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { until } from '../until.js';
import WebSocket, { WebSocketServer } from 'ws';

type Frame = Record<string, unknown> & { msg?: string; id?: string };

interface SdkSocket {
  open(): Promise<unknown>;
  call(method: string, ...params: unknown[]): Promise<unknown>;
  subscribe(name: string, params: unknown[]): Promise<{ id: string }>;
  unsubscribe(id: string): Promise<unknown>;
  subscribeAll(): Promise<unknown>;
  subscriptions: Record<string, unknown>;
  reopenInterval?: unknown;
  openTimeout?: unknown;
  _listeners: Record<string, unknown[] | undefined>;
}
interface Sdk {
  Socket: new (options: object) => SdkSocket;
  DDPDriver: new (options: object) => { connect(): Promise<unknown> };
}
const sdk = createRequire(import.meta.url)('@rocket.chat/sdk/lib/drivers/ddp.js') as Sdk;

const quiet = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

/** A DDP peer on loopback: answers `connect` and subs (ready), hands every other frame to `onFrame`. */
async function peer(onFrame: (frame: Frame, reply: (f: Frame | string) => void, socket: WebSocket) => void = () => undefined) {
  const server = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const received: Frame[] = [];
  const sockets: WebSocket[] = [];
  server.on('connection', (socket) => {
    sockets.push(socket);
    const reply = (f: Frame | string) => socket.send(typeof f === 'string' ? f : JSON.stringify(f));
    socket.on('message', (data: Buffer) => {
      const frame = JSON.parse(data.toString('utf8')) as Frame;
      received.push(frame);
      if (frame.msg === 'connect') reply({ msg: 'connected', session: 's1' });
      else onFrame(frame, reply, socket);
    });
  });
  const address = server.address();
  if (typeof address !== 'object' || address === null) throw new Error('no port');
  const host = `127.0.0.1:${address.port}`;
  cleanups.push(() => new Promise<void>((resolve) => {
    for (const socket of server.clients) socket.terminate();
    server.close(() => resolve());
  }));
  return { host, received, sockets };
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
  vi.restoreAllMocks();
});

function socketTo(host: string, extra: object = {}): SdkSocket {
  const socket = new sdk.Socket({ host, reopen: false, logger: quiet, ...extra });
  cleanups.unshift(async () => {
    await Promise.resolve();
    (socket as unknown as { connection?: { terminate?(): void } }).connection?.terminate?.();
  });
  return socket;
}

/** Settles like `promise`, or rejects with 'no answer' after `ms`. */
function within<T>(promise: Promise<T>, ms = 1000): Promise<T> {
  return Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error('no answer')), ms))]);
}

describe('@rocket.chat/sdk DDP driver, as patched', () => {
  it('with reopen: false, a dropped socket schedules no reconnect of its own', async () => {
    const { host, sockets } = await peer();
    const socket = socketTo(host);
    await within(socket.open());
    expect(socket.reopenInterval).toBeUndefined();
    sockets[0]?.close(1011, 'server going away');
    await until(() => !(socket as unknown as { connection?: unknown }).connection, 'the driver to forget the socket', 1000);
    expect(socket.openTimeout).toBeUndefined();
  });

  it('opens the socket through an injected WebSocket implementation', async () => {
    const { host } = await peer();
    const opened: string[] = [];
    class Recording extends WebSocket {
      constructor(url: string) {
        super(url);
        opened.push(url);
      }
    }
    await within(socketTo(host, { WebSocket: Recording }).open());
    expect(opened).toEqual([`ws://${host}/websocket`]);
  });

  it('rejects a call still waiting when the socket drops, and keeps nothing of answered calls', async () => {
    const { host, sockets } = await peer((frame, reply) => {
      if (frame.msg === 'method' && frame.method === 'fast') reply({ msg: 'result', id: frame.id, result: 1 });
    });
    const socket = socketTo(host);
    await within(socket.open());
    const keysBefore = Object.keys(socket._listeners).length;
    for (let i = 0; i < 20; i++) await within(socket.call('fast'));
    expect(socket._listeners.disconnected ?? []).toHaveLength(0);
    expect(Object.keys(socket._listeners).length).toBeLessThanOrEqual(keysBefore + 1);
    const slow = socket.call('slow');
    await until(() => sockets.length > 0, 'the peer to see the socket', 1000);
    sockets[0]?.terminate();
    await expect(within(slow)).rejects.toThrow(/disconnected/);
  });

  it('rejects open() when the socket closes during the handshake', async () => {
    const server = new WebSocketServer({ port: 0, host: '127.0.0.1' });
    await new Promise<void>((resolve) => server.once('listening', resolve));
    server.on('connection', (ws) => ws.on('message', () => ws.terminate()));
    cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
    const address = server.address() as { port: number };
    await expect(within(socketTo(`127.0.0.1:${address.port}`).open())).rejects.toThrow(/disconnected/);
  });

  it('returns a falsy method result as it is, not the whole frame', async () => {
    const results: Record<string, unknown> = { nothing: null, no: false, zero: 0, empty: '' };
    const { host } = await peer((frame, reply) => {
      if (frame.msg === 'method') reply({ msg: 'result', id: frame.id, result: results[String(frame.method)] });
    });
    const socket = socketTo(host);
    await within(socket.open());
    for (const [method, value] of Object.entries(results)) await expect(within(socket.call(method))).resolves.toBe(value);
  });

  it('rejects a refused sub with the server error, and resolves an unsubscribe answered by nosub', async () => {
    const { host } = await peer((frame, reply) => {
      if (frame.msg === 'sub' && frame.name === 'forbidden') reply({ msg: 'nosub', id: frame.id, error: { error: 'not-allowed' } });
      else if (frame.msg === 'sub') reply({ msg: 'ready', subs: [frame.id] });
      if (frame.msg === 'unsub') reply({ msg: 'nosub', id: frame.id });
    });
    const socket = socketTo(host);
    await within(socket.open());
    await expect(within(socket.subscribe('forbidden', []))).rejects.toEqual({ error: 'not-allowed' });
    const sub = await within(socket.subscribe('stream-room-messages', ['r1', false]));
    await expect(within(socket.unsubscribe(sub.id))).resolves.toBeUndefined();
  });

  it('resolves every sub listed in one ready frame', async () => {
    const waiting: string[] = [];
    const { host } = await peer((frame, reply) => {
      if (frame.msg !== 'sub') return;
      waiting.push(String(frame.id));
      if (waiting.length === 2) reply({ msg: 'ready', subs: waiting });
    });
    const socket = socketTo(host);
    await within(socket.open());
    const subs = await within(Promise.all([socket.subscribe('a', []), socket.subscribe('b', [])]));
    expect(subs.map((s) => s.id)).toEqual(waiting);
  });

  it('re-subscribing replaces the registry entries instead of doubling them', async () => {
    const { host } = await peer((frame, reply) => {
      if (frame.msg === 'sub') reply({ msg: 'ready', subs: [frame.id] });
    });
    const socket = socketTo(host);
    await within(socket.open());
    await within(socket.subscribe('stream-room-messages', ['r1', false]));
    await within(socket.subscribeAll());
    await within(socket.subscribeAll());
    expect(Object.keys(socket.subscriptions)).toHaveLength(1);
  });

  it('drops a frame that is not JSON and keeps answering', async () => {
    const { host } = await peer((frame, reply) => {
      if (frame.msg !== 'method') return;
      reply('{"msg":"changed", this is not JSON');
      reply({ msg: 'result', id: frame.id, result: 'still here' });
    });
    const errors: string[] = [];
    const socket = socketTo(host, { logger: { ...quiet, error: (line: string) => errors.push(line) } });
    await within(socket.open());
    await expect(within(socket.call('anything'))).resolves.toBe('still here');
    expect(errors.some((line) => line.includes('not JSON'))).toBe(true);
  });

  it("routes no frame under the socket's own event names: a server cannot fake a close", async () => {
    const { host, sockets } = await peer((frame, reply) => {
      if (frame.msg === 'method') reply({ msg: 'result', id: frame.id, result: 'ok' });
    });
    const errors: string[] = [];
    const socket = socketTo(host, { logger: { ...quiet, error: (line: string) => errors.push(line) } });
    await within(socket.open());
    const closes: unknown[] = [];
    (socket as unknown as { on(e: string, l: (x: unknown) => void): void }).on('close', (e) => closes.push(e));
    for (const frame of [
      { msg: 'close', code: 1000 },
      { msg: 'changed', collection: 'close', id: 'x', fields: { eventName: 'e', args: [] } },
      { msg: 'result', id: 'close', result: 1 },
      { msg: 'nosub', id: 'close' },
      { msg: 'ready', subs: ['close'] },
      { server_id: '0' },
    ]) sockets[0]?.send(JSON.stringify(frame));
    await expect(within(socket.call('still-there'))).resolves.toBe('ok');
    expect(closes).toEqual([]);
    expect(errors.filter((line) => line.includes('not a DDP message'))).toHaveLength(1); // only the fake `close` msg
  });

  it('answers a server ping with its id', async () => {
    const { host, received, sockets } = await peer();
    const socket = socketTo(host);
    await within(socket.open());
    sockets[0]?.send(JSON.stringify({ msg: 'ping', id: 'p7' }));
    await until(() => received.some((f) => f.msg === 'pong'), 'a pong', 1000);
    expect(received.filter((f) => f.msg === 'pong')).toEqual([{ msg: 'pong', id: 'p7' }]);
  });

  it("a failed connect clears the driver's 20 s connect timer", async () => {
    const server = new WebSocketServer({ port: 0, host: '127.0.0.1' });
    await new Promise<void>((resolve) => server.once('listening', resolve));
    const { port } = server.address() as { port: number };
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const timers: unknown[] = [];
    const realSetTimeout = globalThis.setTimeout;
    vi.spyOn(globalThis, 'setTimeout').mockImplementation(((fn: () => void, ms?: number) => {
      const handle = realSetTimeout(fn, ms);
      if (ms === 20000) timers.push(handle);
      return handle;
    }) as typeof setTimeout);
    const cleared = vi.spyOn(globalThis, 'clearTimeout');
    const driver = new sdk.DDPDriver({ host: `127.0.0.1:${port}`, reopen: false, logger: quiet });
    await expect(within(driver.connect())).rejects.toBeDefined();
    expect(timers).toHaveLength(1);
    expect(cleared.mock.calls.some(([handle]) => handle === timers[0])).toBe(true);
  });
});
