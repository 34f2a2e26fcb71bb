import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer, type Server as TlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';

import { WebSocketServer, type RawData, type WebSocket } from 'ws';

import { EmailCodes } from './auth/email-codes.js';
import { handleSso } from './auth/sso/routes.js';
import { SsoState } from './auth/sso/state.js';
import type { ServerContext } from './context.js';
import { TrafficGate } from './ddp/gate.js';
import { handleFrame } from './ddp/protocol.js';
import { Session } from './ddp/session.js';
import { ddpClientAddress } from './http/client-address.js';
import { handleRest } from './http/rest.js';
import { handleFileDownload } from './http/file-download.js';
import { Uploads } from './services/uploads.js';
import type { ResolvedOptions } from './options.js';
import { recomputePresence } from './services/presence.js';
import { LoginBlocker } from './services/login-blocker.js';
import { RateLimiter, restRules, rocketChatRules } from './services/rate-limiter.js';
import { TrafficLog } from './services/traffic-log.js';
import { readSnapshot, SnapshotWriter } from './store/persist.js';
import { State } from './store/state.js';
import { StreamHub } from './streams/hub.js';
import { SubscriptionHolds } from './streams/sub-holds.js';
import { openTestCa, type TestCa } from './tls.js';

// Frames above 1 MiB are refused by the WebSocket layer (close code 1009), as a proxy in front of Rocket.Chat would.
export const MAX_FRAME_BYTES = 1024 * 1024;

function rawToText(data: RawData): string {
  if (Buffer.isBuffer(data)) return data.toString('utf8');
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data).toString('utf8');
}

/** Owns the listener, the sockets and the context handlers run against; survives restarts. */
export class Runtime {
  readonly ctx: ServerContext;
  readonly gate = new TrafficGate();
  private readonly writer: SnapshotWriter | undefined;
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  private http: Server | undefined;
  /** With `tlsDir`: the test CA and the certificate the server presents. */
  readonly tls: TestCa | undefined;
  port = 0;

  constructor(readonly options: ResolvedOptions) {
    const state = new State();
    const writer = options.dataFile ? new SnapshotWriter(options.dataFile, () => state.serialize()) : undefined;
    this.writer = writer;
    this.tls = options.tlsDir ? openTestCa(options.tlsDir) : undefined;
    const scheme = this.tls ? 'https' : 'http';
    this.ctx = {
      state,
      options,
      hub: new StreamHub(),
      gate: this.gate,
      sessions: new Set(),
      limiter: new RateLimiter(rocketChatRules(options.rateLimits), options.rateLimits.enabled),
      logins: new LoginBlocker(options.rateLimits.enabled),
      emailCodes: new EmailCodes(options.onEmailCode),
      sso: new SsoState(),
      restLimiter: new RateLimiter(restRules(), options.rateLimits.enabled),
      traffic: new TrafficLog(),
      uploads: new Uploads(),
      missingMethods: new Set<string>(),
      subHolds: new SubscriptionHolds(),
      url: () => `${scheme}://${options.host}:${this.port}`,
      changed: () => writer?.schedule(),
    };
  }

  /** Replaces the in-memory data with the data file's content, when there is a data file with content. */
  async reload(): Promise<void> {
    if (!this.options.dataFile) return;
    const snapshot = await readSnapshot(this.options.dataFile);
    if (snapshot) this.ctx.state.load(snapshot);
    this.ctx.limiter.reset();
    this.ctx.restLimiter.reset();
  }

  async flush(): Promise<void> {
    await this.writer?.flush();
  }

  /** A new server certificate from the same CA, presented to every connection from now on. */
  reissueCertificate(): string {
    if (!this.tls) throw new Error('The server runs without --tls');
    const material = this.tls.reissue();
    (this.http as TlsServer | undefined)?.setSecureContext(material);
    return material.cert;
  }

  async listen(port: number): Promise<void> {
    const onRequest = (req: IncomingMessage, res: ServerResponse): void => void this.onRequest(req, res);
    const http: Server = this.tls ? createTlsServer(this.tls.current(), onRequest) : createServer(onRequest);
    http.on('upgrade', (req, socket, head) => {
      const path = new URL(req.url ?? '/', 'http://localhost').pathname;
      if (path !== '/websocket' && path !== '/websocket/') {
        socket.destroy();
        return;
      }
      this.wss.handleUpgrade(req, socket, head, (ws) => this.onConnection(ws, ddpClientAddress(req, this.options.httpForwardedCount)));
    });
    await new Promise<void>((resolve, reject) => {
      http.once('error', reject);
      http.listen(port, this.options.host, () => {
        http.off('error', reject);
        resolve();
      });
    });
    this.http = http;
    this.port = (http.address() as AddressInfo).port;
  }

  /** Ends every session (politely or abruptly) and stops listening. */
  async stopListening(mode: 'close' | 'terminate'): Promise<void> {
    for (const session of [...this.ctx.sessions]) {
      this.endSession(session);
      if (mode === 'close') session.close(1012, 'Server restarting');
      else session.terminate();
    }
    const http = this.http;
    this.http = undefined;
    if (!http) return;
    await new Promise<void>((resolve) => {
      http.close(() => resolve());
      http.closeAllConnections();
    });
  }

  private onConnection(ws: WebSocket, address: string): void {
    const session = new Session(ws, this.gate, this.options.pingIntervalMs, (s, raw) => {
      try {
        handleFrame(this.ctx, s, raw);
      } catch (err) {
        console.error('[server] frame handling failed:', err);
      }
    });
    session.clientAddress = address;
    this.ctx.sessions.add(session);
    ws.on('message', (data) => session.receive(rawToText(data)));
    ws.on('close', () => this.endSession(session));
    // Errors (e.g. an oversized frame) are followed by 'close'; nothing else to do.
    ws.on('error', () => undefined);
    // Meteor greets with a bare {server_id}; the microservices' DDP streamer adds msg: 'server_id'.
    const greeting = this.options.deployment === 'microservice' ? { msg: 'server_id', server_id: '0' } : { server_id: '0' };
    session.sendRaw(JSON.stringify(greeting));
  }

  private endSession(session: Session): void {
    if (session.closed) return;
    session.dispose();
    this.ctx.hub.removeSession(session);
    this.ctx.sessions.delete(session);
    if (session.userId) recomputePresence(this.ctx, session.userId);
  }

  private async onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (this.gate.paused) await new Promise<void>((resolve) => { const stop = this.gate.onResume(() => { stop(); resolve(); }); });
    try {
      if (req.url?.startsWith('/api/')) {
        await handleRest(this.ctx, req, res);
        return;
      }
      if (req.url?.startsWith('/file-upload/')) {
        handleFileDownload(this.ctx, req, res);
        return;
      }
      if (await handleSso(this.ctx, req, res)) return;
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('Not found');
    } catch (err) {
      console.error('[server] REST request failed:', err);
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ success: false, error: 'Internal server error' }));
    }
  }
}
