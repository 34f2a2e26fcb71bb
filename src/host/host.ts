// The browser host: the same main-process core as the Electron app, without Electron. It serves the built
// renderer on 127.0.0.1 and carries the contract over a loopback WebSocket. Other local pages are kept out by a
// per-run secret, an Origin check and a Host check (against DNS rebinding). The secret reaches the page in the URL
// fragment, which browsers never send, but the bridge then sends it in the query of the WebSocket upgrade request:
// it travels over loopback only, and nothing on this side logs request URLs.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Result } from '../contract/calls.js';
import type { AddressedEventSink, EventName, EventPayload } from '../contract/events.js';
import { openAuditLog, redactCall } from '../main/ipc/audit-log.js';
import { appOriginPolicy, createDispatcher, type CallTargets } from '../main/ipc/dispatcher.js';
import type { FileGate } from '../main/files/file-gate.js';
import { buildBridge } from './build-bridge.js';
import { isFileRoute, serveFileRoute } from './file-routes.js';

export interface HostCore {
  /** The accounts' and the app's handlers (the account registry's routing). */
  targets: CallTargets;
  /** Pictures, downloads and uploads on the page's own origin (the account registry's file gate). */
  files?: FileGate;
  dispose(): Promise<void>;
}

export interface HostOptions {
  port?: number;
  /** The built renderer (out/renderer). */
  rendererDir: string;
  /** Builds the core once the host knows how to push events. */
  createCore: (emit: AddressedEventSink) => Promise<HostCore>;
  /** Created (it must not exist) to log every frame crossing the boundary, both ways: the IPC audit. */
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

/** The one path the page's socket may use. */
const SOCKET_PATH = '/__host/ws';

/** A call from the page: `{ id, name, args, account }`; name, args and account are the dispatcher's to check. */
interface CallFrame {
  id: number;
  name: unknown;
  args: unknown;
  account?: unknown;
}

interface Reply {
  id: number | null;
  result: Result<unknown>;
}

/** Any text may arrive on the socket: only a JSON object with a numeric id is a call, anything else is null. */
export function parseFrame(text: string): CallFrame | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const { id, name, args, account } = value as Record<string, unknown>;
  return typeof id === 'number' && Number.isSafeInteger(id) ? { id, name, args, account } : null;
}

export async function startHost(options: HostOptions): Promise<Host> {
  const token = randomBytes(24).toString('base64url');
  const bridgeJs = await buildBridge();
  const sockets = new Set<WebSocket>();
  const auditLog = options.auditFile ? openAuditLog(options.auditFile) : undefined;
  const audit = (direction: 'in' | 'out', frame: unknown): void => auditLog?.record(direction, frame);

  const emit: AddressedEventSink = <K extends EventName>(name: K, payload: EventPayload<K>, account?: string) => {
    const frame = JSON.stringify({ event: name, payload, account });
    for (const ws of sockets) {
      audit('out', { event: name, payload, account });
      ws.send(frame);
    }
  };
  const core = await options.createCore(emit);

  const http = createServer((req, res) => {
    // A DNS-rebinding page reaches us under its own name: only our loopback names get an answer.
    if (!isOurHost(req.headers.host, port)) {
      res.writeHead(421).end();
      return;
    }
    if (core.files && isFileRoute(req, origin)) {
      void serveFileRoute(core.files, req, res, origin).catch(() => res.writeHead(500).end());
      return;
    }
    void serveStatic(req, res, options.rendererDir, bridgeJs, origin).catch(() => {
      res.writeHead(500).end();
    });
  });
  await new Promise<void>((resolve) => http.listen(options.port ?? 0, '127.0.0.1', resolve));
  const port = (http.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;
  const dispatch = createDispatcher(core.targets, {
    isTrustedSender: appOriginPolicy([origin]),
    onReject: (reason, name) => console.warn(`host: rejected call ${name}: ${reason}`),
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: 1 << 20 });
  http.on('upgrade', (req, socket, head) => {
    if (!isAuthorised(req, token, port)) {
      socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.add(ws);
      ws.on('close', () => sockets.delete(ws));
      // ws reports an over-size or broken frame as an 'error' on the socket before closing it (1009/1002);
      // without a listener that error would take the whole host process down.
      ws.on('error', (error) => console.warn(`host: socket closed: ${error.message}`));
      ws.on('message', (data: Buffer) => {
        const text = data.toString('utf8');
        const frame = parseFrame(text);
        audit('in', frame ? redactCall(frame) : { malformed: text.length });
        void answer(frame).then((reply) => {
          audit('out', reply);
          ws.send(JSON.stringify(reply));
        });
      });
    });
  });

  async function answer(frame: CallFrame | null): Promise<Reply> {
    if (!frame) return { id: null, result: { ok: false, error: { code: 'invalid-request' } } };
    // The dispatcher answers every failure as data; this guard only keeps a bug from killing the process.
    const result = await dispatch(frame.name, frame.args, { isMainFrame: true, url: origin }, frame.account).catch(() => ({
      ok: false as const,
      error: { code: 'internal' as const },
    }));
    return { id: frame.id, result };
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
      auditLog?.close();
    },
  };
}

/** The names this host answers to: its loopback address or localhost, always with its own port. */
function isOurHost(hostHeader: string | undefined, port: number): boolean {
  const host = hostHeader?.toLowerCase();
  return host === `127.0.0.1:${port}` || host === `localhost:${port}`;
}

function isAuthorised(req: IncomingMessage, token: string, port: number): boolean {
  if (!isOurHost(req.headers.host, port)) return false;
  if (req.headers.origin?.toLowerCase() !== `http://${req.headers.host?.toLowerCase()}`) return false;
  // The request target as sent: exactly the socket path and one token, nothing a URL parser would normalise.
  const target = req.url ?? '';
  const query = target.indexOf('?');
  if (query < 0 || target.slice(0, query) !== SOCKET_PATH) return false;
  const params = new URLSearchParams(target.slice(query + 1));
  const tokens = params.getAll('token');
  if (tokens.length !== 1 || [...params.keys()].length !== 1) return false;
  const a = Buffer.from(tokens[0] ?? '');
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
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
    res.writeHead(200, { ...headers, 'Content-Type': MIME['.html'] }).end(hostIndexHtml(html, origin));
    return;
  }
  const file = normalize(join(rendererDir, decodeURIComponent(path)));
  if (!file.startsWith(rendererDir + sep)) {
    res.writeHead(404, headers).end();
    return;
  }
  try {
    const body = await readFile(file);
    // The build names every file under assets/ by its content hash: a reload takes them from the browser's cache.
    // The page and the bridge keep no-store (the bridge is rebuilt at every start under one name).
    const caching = path.startsWith('/assets/') ? { 'Cache-Control': 'public, max-age=31536000, immutable' } : {};
    res.writeHead(200, { ...headers, ...caching, 'Content-Type': MIME[extname(file)] ?? 'application/octet-stream' }).end(body);
  } catch {
    res.writeHead(404, headers).end();
  }
}

/** This host's socket under both of its names: the one thing the page may connect to beyond 'self'. */
function socketSources(origin: string): string {
  const port = new URL(origin).port;
  return `ws://127.0.0.1:${port} ws://localhost:${port}`;
}

/**
 * The built renderer's page as this host serves it: the bridge as a deferred classic script first in <head> (deferred
 * scripts and the renderer's module script run in document order, so it still runs first, but the page's loading
 * splash paints without waiting for it), and the page's own CSP widened by this host's socket only. The Electron
 * build's CSP allows no socket at all.
 */
export function hostIndexHtml(html: string, origin: string): string {
  return html
    .replace('<head>', '<head>\n    <script defer src="/__host/bridge.js"></script>')
    .replace("connect-src 'self'", `connect-src 'self' ${socketSources(origin)}`);
}

/** The Electron CSP, plus the loopback socket this host uses instead of IPC. */
function hostCsp(origin: string): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    `connect-src 'self' ${socketSources(origin)}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}
