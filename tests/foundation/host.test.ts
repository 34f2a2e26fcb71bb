import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { Handlers } from '../../src/contract/calls.js';
import type { EventSink } from '../../src/contract/events.js';
import { startHost, type Host } from '../../src/host/host.js';

let host: Host;
let emit: EventSink;
const rendererDir = mkdtempSync(join(tmpdir(), 'renderer-'));
writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><html><head><title>t</title></head><body></body></html>');
writeFileSync(join(rendererDir, 'app.js'), 'console.log(1)');

beforeAll(async () => {
  const handlers = {
    'session.get': async () => ({ ok: true, value: { connection: { kind: 'signed-out' } } }),
  } as unknown as Handlers;
  host = await startHost({
    rendererDir,
    createCore: async (sink) => {
      emit = sink;
      return { handlers, dispose: async () => undefined };
    },
  });
});
afterAll(() => host.close());

const token = () => new URL(host.url).hash.replace('#token=', '');

function connect(query: string, origin = host.origin): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${host.port}/__host/ws${query}`, { origin });
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
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
    expect(html).toContain('<script src="/__host/bridge.js"></script>');
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    const bridge = await (await fetch(`${host.origin}/__host/bridge.js`)).text();
    expect(bridge).toContain('otrDesk');
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

  it('carries contract calls and events for the page that knows the secret', async () => {
    const ws = await connect(`?token=${token()}`);
    expect(await call(ws, { id: 1, name: 'session.get', args: [] })).toEqual({
      id: 1, result: { ok: true, value: { connection: { kind: 'signed-out' } } },
    });
    expect(await call(ws, { id: 2, name: 'otr.exportKey', args: [] })).toMatchObject({
      id: 2, result: { ok: false, error: { code: 'invalid-request' } },
    });
    const event = new Promise((resolve) => ws.once('message', (d: Buffer) => resolve(JSON.parse(d.toString('utf8')))));
    emit('chat.typing', { roomId: 'r1', usernames: ['bob'] });
    expect(await event).toEqual({ event: 'chat.typing', payload: { roomId: 'r1', usernames: ['bob'] } });
    ws.close();
  });
});
