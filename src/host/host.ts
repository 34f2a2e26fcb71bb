// The browser host: the same main-process core as the Electron app, without Electron. It serves the built
// renderer on 127.0.0.1 and carries the contract over a loopback WebSocket. A per-run secret (in the URL
// fragment, never sent in HTTP requests) and an Origin check keep other local pages out.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { appendFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Handlers } from '../contract/calls.js';
import type { EventName, EventPayload, EventSink } from '../contract/events.js';
import { appOriginPolicy, createDispatcher } from '../main/ipc/dispatcher.js';
import { buildBridge } from './build-bridge.js';

export interface HostCore {
  handlers: Handlers;
  dispose(): Promise<void>;
}

export interface HostOptions {
  port?: number;
  /** The built renderer (out/renderer). */
  rendererDir: string;
  /** Builds the core once the host knows how to push events. */
  createCore: (emit: EventSink) => Promise<HostCore>;
  /** Appends every frame crossing the boundary (both directions) as JSON lines: the IPC audit. */
  auditFile?: string;
}

export interface Host {
  url: string;
  origin: string;
  port: number;
  close(): Promise<void>;
}

/** Content types of what the built renderer contains. */
export const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

export async function startHost(options: HostOptions): Promise<Host> {
  const token = randomBytes(24).toString('base64url');
  const bridgeJs = await buildBridge();
  const sockets = new Set<WebSocket>();
  const audit = (direction: 'in' | 'out', frame: string): void => {
    if (options.auditFile) appendFileSync(options.auditFile, `${JSON.stringify({ direction, frame })}\n`);
  };

  const emit: EventSink = <K extends EventName>(name: K, payload: EventPayload<K>) => {
    const frame = JSON.stringify({ event: name, payload });
    for (const ws of sockets) {
      audit('out', frame);
      ws.send(frame);
    }
  };
  const core = await options.createCore(emit);

  const http = createServer((req, res) => {
    void serveStatic(req, res, options.rendererDir, bridgeJs, origin).catch(() => {
      res.writeHead(500).end();
    });
  });
  await new Promise<void>((resolve) => http.listen(options.port ?? 0, '127.0.0.1', resolve));
  const port = (http.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;
  const dispatch = createDispatcher(core.handlers, {
    isTrustedSender: appOriginPolicy([origin]),
    onReject: (reason, name) => console.warn(`host: rejected call ${name}: ${reason}`),
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: 1 << 20 });
  http.on('upgrade', (req, socket, head) => {
    if (!isAuthorised(req, token, origin)) {
      socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.add(ws);
      ws.on('close', () => sockets.delete(ws));
      ws.on('message', (data: Buffer) => {
        const text = data.toString('utf8');
        audit('in', text);
        void answer(text).then((reply) => {
          audit('out', reply);
          ws.send(reply);
        });
      });
    });
  });

  async function answer(text: string): Promise<string> {
    let frame: { id?: unknown; name?: unknown; args?: unknown };
    try {
      frame = JSON.parse(text) as typeof frame;
    } catch {
      return JSON.stringify({ id: null, result: { ok: false, error: { code: 'invalid-request' } } });
    }
    const result = await dispatch(frame.name, frame.args, { isMainFrame: true, url: origin });
    return JSON.stringify({ id: frame.id, result });
  }

  return {
    url: `${origin}/#token=${token}`,
    origin,
    port,
    async close() {
      for (const ws of sockets) ws.terminate();
      wss.close();
      await new Promise<void>((resolve) => http.close(() => resolve()));
      await core.dispose();
    },
  };
}

function isAuthorised(req: IncomingMessage, token: string, origin: string): boolean {
  if (req.headers.origin !== origin) return false;
  const given = new URL(req.url ?? '', origin).searchParams.get('token') ?? '';
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return req.url?.startsWith('/__host/ws') === true && a.length === b.length && timingSafeEqual(a, b);
}

async function serveStatic(
  req: IncomingMessage,
  res: ServerResponse,
  rendererDir: string,
  bridgeJs: string,
  origin: string,
): Promise<void> {
  const path = new URL(req.url ?? '/', origin).pathname;
  const headers = {
    'Content-Security-Policy': hostCsp(origin),
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-store',
  };
  if (req.method !== 'GET') {
    res.writeHead(405, headers).end();
    return;
  }
  if (path === '/__host/bridge.js') {
    res.writeHead(200, { ...headers, 'Content-Type': MIME['.js'] }).end(bridgeJs);
    return;
  }
  if (path === '/' || path === '/index.html') {
    const html = await readFile(join(rendererDir, 'index.html'), 'utf8');
    // The bridge is a classic script in <head>: it runs before the renderer's deferred module script.
    const withBridge = html.replace('<head>', '<head>\n    <script src="/__host/bridge.js"></script>');
    res.writeHead(200, { ...headers, 'Content-Type': MIME['.html'] }).end(withBridge);
    return;
  }
  const file = normalize(join(rendererDir, decodeURIComponent(path)));
  if (!file.startsWith(rendererDir + sep)) {
    res.writeHead(404, headers).end();
    return;
  }
  try {
    const body = await readFile(file);
    res.writeHead(200, { ...headers, 'Content-Type': MIME[extname(file)] ?? 'application/octet-stream' }).end(body);
  } catch {
    res.writeHead(404, headers).end();
  }
}

/** The Electron CSP, plus the loopback socket this host uses instead of IPC. */
function hostCsp(origin: string): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    `connect-src 'self' ${origin.replace('http:', 'ws:')}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}
