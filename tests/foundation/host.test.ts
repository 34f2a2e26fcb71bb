import { mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { AppHandlers, Handlers } from '../../src/contract/calls.js';
import type { AddressedEventSink } from '../../src/contract/events.js';
import type { CallTargets } from '../../src/main/ipc/dispatcher.js';
import { hostIndexHtml, startHost, type Host } from '../../src/host/host.js';

let host: Host;
let emit: AddressedEventSink;
const ACCOUNT = 'acc0000001';

/** One account with these handlers; no app-level handlers are needed here. */
function targets(handlers: Handlers): CallTargets {
  return { app: {} as AppHandlers, account: (id) => (id === ACCOUNT ? handlers : undefined) };
}
const rendererDir = mkdtempSync(join(tmpdir(), 'renderer-'));
writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><html><head><title>t</title><script type="module" src="./app.js"></script></head><body></body></html>');
writeFileSync(join(rendererDir, 'app.js'), 'console.log(1)');
mkdirSync(join(rendererDir, 'assets'));
writeFileSync(join(rendererDir, 'assets', 'chunk-0a1b2c3d.js'), 'console.log(2)');

beforeAll(async () => {
  const handlers = {
    'session.get': async () => ({ ok: true, value: { connection: { kind: 'signed-out' } } }),
  } as unknown as Handlers;
  host = await startHost({
    rendererDir,
    createCore: async (sink) => {
      emit = sink;
      return { targets: targets(handlers), dispose: async () => undefined };
    },
  });
});
afterAll(() => host.close());

const token = () => new URL(host.url).hash.replace('#token=', '');

function connect(query: string, origin = host.origin, path = '/__host/ws', hostHeader?: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const headers = hostHeader ? { host: hostHeader } : undefined;
    const ws = new WebSocket(`ws://127.0.0.1:${host.port}${path}${query}`, { origin, headers });
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
  });
}

/** A GET with the Host header a browser would send for a page under that name. */
function getWithHost(hostHeader: string, path = '/'): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: host.port, path, headers: { host: hostHeader } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.once('error', reject);
    req.end();
  });
}

/** An upgrade request with exactly this request target, as a non-browser client may send it: its status. */
function rawUpgrade(target: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({
      host: '127.0.0.1', port: host.port, path: target,
      headers: {
        origin: host.origin, connection: 'Upgrade', upgrade: 'websocket',
        'sec-websocket-version': '13', 'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==',
      },
    });
    req.once('upgrade', (res, socket) => {
      socket.destroy();
      resolve(res.statusCode ?? 0);
    });
    req.once('response', (res) => resolve(res.statusCode ?? 0));
    req.once('error', reject);
    req.end();
  });
}

/** Sends raw text frames in order and collects one reply per frame. */
function sendRaw(ws: WebSocket, frames: (string | Buffer)[]): Promise<unknown[]> {
  return new Promise((resolve) => {
    const replies: unknown[] = [];
    const onMessage = (data: Buffer): void => {
      replies.push(JSON.parse(data.toString('utf8')));
      if (replies.length < frames.length) return;
      ws.off('message', onMessage);
      resolve(replies);
    };
    ws.on('message', onMessage);
    for (const frame of frames) ws.send(frame);
  });
}

function call(ws: WebSocket, frame: unknown): Promise<unknown> {
  return new Promise((resolve) => {
    ws.once('message', (data: Buffer) => resolve(JSON.parse(data.toString('utf8'))));
    ws.send(JSON.stringify(frame));
  });
}

describe('browser host', () => {
  it('serves the renderer with the bridge injected before it, under a strict CSP', async () => {
    const res = await fetch(`${host.origin}/`);
    const html = await res.text();
    // Deferred, and before the module script: it runs first, and the loading splash paints without waiting for it.
    expect(html).toContain('<script defer src="/__host/bridge.js"></script>');
    expect(html.indexOf('/__host/bridge.js')).toBeLessThan(html.indexOf('type="module"'));
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    const bridge = await (await fetch(`${host.origin}/__host/bridge.js`)).text();
    expect(bridge).toContain('otrDesk');
  });

  it('lets the browser keep the content-hashed build files, but never the page or the bridge', async () => {
    const cacheOf = async (path: string) => (await fetch(`${host.origin}${path}`)).headers.get('cache-control');
    expect(await cacheOf('/assets/chunk-0a1b2c3d.js')).toBe('public, max-age=31536000, immutable');
    expect(await cacheOf('/')).toBe('no-store');
    expect(await cacheOf('/__host/bridge.js')).toBe('no-store');
    expect(await cacheOf('/app.js')).toBe('no-store');
  });

  it('never serves files outside the renderer folder', async () => {
    expect((await fetch(`${host.origin}/app.js`)).status).toBe(200);
    expect((await fetch(`${host.origin}/..%2F..%2Fetc%2Fpasswd`)).status).toBe(404);
    expect((await fetch(`${host.origin}/%2e%2e/package.json`)).status).toBe(404);
  });

  it('refuses a socket without this run\'s secret, or from another origin', async () => {
    await expect(connect('?token=wrong')).rejects.toThrow('403');
    await expect(connect('')).rejects.toThrow('403');
    await expect(connect(`?token=${token()}`, 'http://evil.example')).rejects.toThrow('403');
  });

  it('answers only to its own loopback names, so a DNS-rebinding page cannot read it', async () => {
    expect(await getWithHost(`127.0.0.1:${host.port}`)).toBe(200);
    expect(await getWithHost(`localhost:${host.port}`, '/app.js')).toBe(200);
    expect(await getWithHost(`attacker.example:${host.port}`)).toBe(421);
    expect(await getWithHost(`attacker.example:${host.port}`, '/app.js')).toBe(421);
    expect(await getWithHost(`attacker.example:${host.port}`, '/__host/bridge.js')).toBe(421);
    expect(await getWithHost(`127.0.0.1:${host.port + 1}`)).toBe(421);
    expect(await getWithHost('127.0.0.1')).toBe(421);
    const rebound = `attacker.example:${host.port}`;
    await expect(connect(`?token=${token()}`, `http://${rebound}`, '/__host/ws', rebound)).rejects.toThrow('403');
  });

  it('opens the socket on its exact path only', async () => {
    await expect(connect(`?token=${token()}`, host.origin, '/__host/wsx')).rejects.toThrow('403');
    await expect(connect(`?token=${token()}`, host.origin, '/__host/ws/other')).rejects.toThrow('403');
    await expect(connect(`?token=${token()}`, host.origin, '/__host/ws/')).rejects.toThrow('403');
    await expect(connect(`?token=${token()}&token=${token()}`)).rejects.toThrow('403');
    expect(await rawUpgrade(`//elsewhere/__host/ws?token=${token()}`)).toBe(403);
    expect(await rawUpgrade(`/__host/ws?token=${token()}`)).toBe(101);
    const named = await connect(`?token=${token()}`, `http://localhost:${host.port}`, '/__host/ws', `localhost:${host.port}`);
    named.close();
  });

  it('answers every malformed frame and keeps serving', async () => {
    const ws = await connect(`?token=${token()}`);
    const corpus: (string | Buffer)[] = [
      'null', 'true', '0', '"session.get"', '[]', '[1,"session.get",[]]', '{}', '', 'not json', '{"id":1', '{"id":"1","name":"session.get","args":[]}',
      '{"name":"session.get","args":[]}', '{"id":1.5,"name":"session.get","args":[]}', '{"id":1e400,"name":"session.get"}',
      '[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]',
      Buffer.from([0xff, 0xfe, 0x00, 0x7b]), '\u0000',
    ];
    const replies = await sendRaw(ws, corpus);
    for (const reply of replies) expect(reply).toEqual({ id: null, result: { ok: false, error: { code: 'invalid-request' } } });
    const odd = [
      { id: 2, name: null, args: [] }, { id: 3, name: { toString: 1 }, args: [] }, { id: 4, name: 'session.get', args: null },
      { id: 5, name: 'session.get' }, { id: 6, name: 'session.get', args: { length: 0 } }, { id: 7, name: ['session.get'], args: [] },
      { id: 8, name: '__proto__', args: [] }, { id: 9, name: 'constructor', args: [] },
    ];
    const answers = await sendRaw(ws, odd.map((frame) => JSON.stringify(frame)));
    expect(answers).toHaveLength(odd.length);
    for (const answer of answers) expect(answer).toMatchObject({ result: { ok: false, error: { code: 'invalid-request' } } });
    expect(await call(ws, { id: 10, name: 'session.get', args: [], account: ACCOUNT })).toEqual({
      id: 10, result: { ok: true, value: { connection: { kind: 'signed-out' } } },
    });
    ws.close();
  });

  it('closes a socket that sends a frame over 1 MiB and keeps serving others', async () => {
    const ws = await connect(`?token=${token()}`);
    const closed = new Promise<number>((resolve) => ws.once('close', (code: number) => resolve(code)));
    ws.send('x'.repeat((1 << 20) + 1));
    expect(await closed).toBe(1009);
    const next = await connect(`?token=${token()}`);
    expect(await call(next, { id: 1, name: 'session.get', args: [], account: ACCOUNT })).toMatchObject({ id: 1, result: { ok: true } });
    next.close();
  });

  it('widens the page\'s own CSP by its socket only; the packaged page allows no socket at all', async () => {
    const packaged = readFileSync('src/renderer/index.html', 'utf8');
    expect(packaged).toMatch(/connect-src 'self';/);
    expect(packaged).not.toContain('ws:');
    const served = hostIndexHtml(packaged, host.origin);
    expect(served).toContain(`connect-src 'self' ws://127.0.0.1:${host.port} ws://localhost:${host.port};`);
    expect(served).toContain('<script defer src="/__host/bridge.js"></script>');
    const header = (await fetch(`${host.origin}/`)).headers.get('content-security-policy');
    expect(header).toContain(`connect-src 'self' ws://127.0.0.1:${host.port} ws://localhost:${host.port};`);
  });

  it('carries contract calls and events for the page that knows the secret', async () => {
    const ws = await connect(`?token=${token()}`);
    expect(await call(ws, { id: 1, name: 'session.get', args: [], account: ACCOUNT })).toEqual({
      id: 1, result: { ok: true, value: { connection: { kind: 'signed-out' } } },
    });
    // An account call without an account, or for one that does not exist, is refused at the choke point.
    for (const account of [undefined, 'acc0000002']) {
      expect(await call(ws, { id: 3, name: 'session.get', args: [], account })).toMatchObject({
        id: 3, result: { ok: false, error: { code: 'invalid-request' } },
      });
    }
    expect(await call(ws, { id: 2, name: 'otr.exportKey', args: [] })).toMatchObject({
      id: 2, result: { ok: false, error: { code: 'invalid-request' } },
    });
    const event = new Promise((resolve) => ws.once('message', (d: Buffer) => resolve(JSON.parse(d.toString('utf8')))));
    emit('chat.typing', { roomId: 'r1', usernames: ['bob'] }, ACCOUNT);
    expect(await event).toEqual({ event: 'chat.typing', payload: { roomId: 'r1', usernames: ['bob'] }, account: ACCOUNT });
    ws.close();
  });

  it('writes its IPC audit to a new owner-only file, without credentials or SMP secrets', async () => {
    const auditFile = join(mkdtempSync(join(tmpdir(), 'audit-')), 'host-audit.jsonl');
    const handlers = { 'session.get': async () => ({ ok: true, value: { connection: { kind: 'signed-out' } } }) };
    const audited = await startHost({
      rendererDir,
      auditFile,
      createCore: async () => ({ targets: targets(handlers as unknown as Handlers), dispose: async () => undefined }),
    });
    try {
      const url = new URL(audited.url);
      const ws = await new Promise<WebSocket>((resolve, reject) => {
        const socket = new WebSocket(`ws://127.0.0.1:${audited.port}/__host/ws?${url.hash.slice(1)}`, { origin: audited.origin });
        socket.once('open', () => resolve(socket));
        socket.once('error', reject);
      });
      await call(ws, { id: 1, name: 'auth.login', args: [{ serverUrl: 'https://chat.example', user: 'alice', password: 'hunter2-pass' }] });
      await call(ws, { id: 2, name: 'otr.smpStart', args: ['r1', 'the red door', 'Which door?'] });
      await call(ws, { id: 3, name: 'session.get', args: [], account: ACCOUNT });
      ws.close();
    } finally {
      await audited.close();
    }
    const text = readFileSync(auditFile, 'utf8');
    expect(text).not.toContain('hunter2-pass');
    expect(text).not.toContain('the red door');
    expect(text).toContain('session.get');
    expect(statSync(auditFile).mode & 0o777).toBe(0o600);
    await expect(startHost({ rendererDir, auditFile, createCore: async () => ({ targets: targets({} as Handlers), dispose: async () => undefined }) }))
      .rejects.toThrow(/EEXIST/);
  });
});
