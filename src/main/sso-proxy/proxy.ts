// The browser host's SSO forwarder: for one flow, a loopback origin per upstream origin (the server, and the
// provider when it lives elsewhere) that forwards the flow's pages (see scope.ts), so the popup's whole way —
// including where it ends — passes through this process, which reads the end as Electron's window reads its
// address. The end itself is never shown to the popup: the forwarder answers it with a page of its own, so the
// SAML token and the OAuth secret stay out of the popup. Every listener closes with the flow.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SsoEnd } from '../rocketchat/sso.js';
import { isForwarded, localCookie, originMap, scopesOf, settledAddress, type OriginMap, type SsoReach } from './scope.js';

export interface SsoProxyOptions {
  /** The flow's first page (upstream); it must be one the flow forwards. */
  firstUrl: string;
  reach: SsoReach;
  /** Told each address the popup settles at (upstream form); an answer ends the flow. */
  watch: (url: string) => SsoEnd | undefined;
  /** The flow ended (after the popup got the forwarder's closing page). */
  onEnd: (end: SsoEnd) => void;
  fetchImpl?: typeof fetch;
}

export interface SsoProxy {
  /** Where the popup opens: the forwarder's start page, which cuts the popup's opener link and goes on to the flow. */
  startUrl: string;
  close(): Promise<void>;
}

/** The forwarder's own start page; no upstream path starts like this. */
export const START_PATH = '/.otrdesk-sso/start';
/**
 * The popup's pass: the start page (answered once) sets it, every other request must carry it. SameSite=Strict keeps
 * it out of requests other sites' pages make to these loopback ports, so no other page can feed the flow an end.
 */
export const PASS_COOKIE = 'otrdesk-sso-pass';
const MAX_FORM = 1 << 20;
/** A provider that does not answer shows an error page in the popup instead of a page that loads for ever. */
const UPSTREAM_TIMEOUT_MS = 30_000;
const REQUEST_HEADERS = ['accept', 'accept-language', 'content-type', 'cookie', 'user-agent'];
const RESPONSE_HEADERS = ['content-type', 'cache-control', 'pragma', 'expires', 'x-frame-options', 'referrer-policy'];

export async function startSsoProxy(options: SsoProxyOptions): Promise<SsoProxy> {
  const fetchImpl = options.fetchImpl ?? fetch;
  const scopes = scopesOf(options.reach);
  const first = new URL(options.firstUrl);
  if (!isForwarded(scopes, first)) throw new Error('the first page of the flow is outside its scope');

  const listeners = new Map<string, { server: Server; origin: string; port: number }>();
  let ended = false;
  let started = false;
  const pass = randomBytes(24).toString('base64url');
  for (const scope of scopes) {
    const server = createServer((req, res) => {
      void handle(scope.origin, req, res).catch(() => {
        if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain; charset=utf-8' });
        res.end('The sign-in page could not be reached.');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    listeners.set(scope.origin, { server, origin: `http://127.0.0.1:${port}`, port });
  }
  const map: OriginMap = originMap([...listeners].map(([upstream, { origin }]) => ({ upstream, local: origin })));

  async function handle(upstreamOrigin: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const own = listeners.get(upstreamOrigin);
    // Only our own loopback name (against DNS rebinding), only origin-form targets, only what a sign-in page does.
    if (!own || req.headers.host !== `127.0.0.1:${own.port}`) return void res.writeHead(421).end();
    const target = req.url ?? '';
    if (!target.startsWith('/') || target.startsWith('//')) return void res.writeHead(400).end();
    if (req.method !== 'GET' && req.method !== 'POST') return void res.writeHead(405).end();
    if (ended) return void res.writeHead(410).end();
    if (target === START_PATH && upstreamOrigin === first.origin) {
      if (started) return void res.writeHead(410).end();
      started = true;
      res.setHeader('set-cookie', `${PASS_COOKIE}=${pass}; Path=/; HttpOnly; SameSite=Strict`);
      return void sendOwnPage(res, startPage(map.toLocal(first.href)));
    }
    if (!carriesPass(req, pass)) return void res.writeHead(403).end();

    const url = new URL(target, upstreamOrigin);
    if (url.origin !== upstreamOrigin) return void res.writeHead(400).end();
    if (!isForwarded(scopes, url)) {
      // Not forwarded, but it may be where the flow ends (SAML names its token in the address of the server's
      // page after the provider; a refused response sends the popup to the server's home page).
      const end = options.watch(url.href);
      if (end) return finish(res, end);
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('This address is not part of the sign-in.');
      return;
    }

    const upstream = await fetchImpl(url.href, {
      method: req.method,
      headers: requestHeaders(req, map),
      // Sign-in forms are url-encoded text (the core's fetch carries string bodies).
      ...(req.method === 'POST' ? { body: (await readBody(req)).toString('utf8') } : {}),
      redirect: 'manual',
      signal: AbortSignal.timeout(UPSTREAM_TIMEOUT_MS),
    });
    const type = upstream.headers.get('content-type') ?? '';
    const html = /^text\/html/i.test(type) ? await upstream.text() : undefined;
    // A redirect is not a place the popup settles at (Electron's window is not told of them either).
    if (upstream.status < 300 || upstream.status >= 400) {
      const end = options.watch(settledAddress(url.href, html));
      if (end) return finish(res, end);
    }
    res.writeHead(upstream.status, responseHeaders(upstream.headers, map));
    res.end(html !== undefined ? map.pageToLocal(html) : Buffer.from(await upstream.arrayBuffer()));
  }

  function finish(res: ServerResponse, end: SsoEnd): void {
    if (ended) return void res.writeHead(410).end();
    ended = true;
    sendOwnPage(res, endPage(end), () => options.onEnd(end));
  }

  return {
    startUrl: `${listeners.get(first.origin)?.origin ?? ''}${START_PATH}`,
    async close() {
      ended = true;
      await Promise.all([...listeners.values()].map(({ server }) => new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      })));
    },
  };
}

function carriesPass(req: IncomingMessage, pass: string): boolean {
  const cookies = (req.headers.cookie ?? '').split(';').map((part) => part.trim());
  const value = cookies.find((part) => part.startsWith(`${PASS_COOKIE}=`))?.slice(PASS_COOKIE.length + 1) ?? '';
  const a = Buffer.from(value);
  const b = Buffer.from(pass);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The browser's cookies for the provider, without the forwarder's own pass. */
function upstreamCookie(cookie: string): string {
  return cookie.split(';').map((part) => part.trim()).filter((part) => part && !part.startsWith(`${PASS_COOKIE}=`)).join('; ');
}

function requestHeaders(req: IncomingMessage, map: OriginMap): Record<string, string> {
  const headers: Record<string, string> = { 'accept-encoding': 'identity' };
  for (const name of REQUEST_HEADERS) {
    const value = req.headers[name];
    if (typeof value === 'string') headers[name] = name === 'cookie' ? upstreamCookie(value) : value;
  }
  if (headers.cookie === '') delete headers.cookie;
  // A provider may check that a form came from its own pages.
  for (const name of ['origin', 'referer']) {
    const value = req.headers[name];
    if (typeof value === 'string') headers[name] = map.toUpstream(value);
  }
  return headers;
}

function responseHeaders(upstream: Headers, map: OriginMap): Record<string, string | string[]> {
  const headers: Record<string, string | string[]> = {};
  for (const name of RESPONSE_HEADERS) {
    const value = upstream.get(name);
    if (value !== null) headers[name] = value;
  }
  const location = upstream.get('location');
  if (location !== null) headers.location = map.toLocal(location);
  const csp = upstream.get('content-security-policy');
  if (csp !== null) headers['content-security-policy'] = map.toLocal(csp);
  const cookies = upstream.getSetCookie().map(localCookie);
  if (cookies.length > 0) headers['set-cookie'] = cookies;
  return headers;
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_FORM) throw new RangeError('form too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

interface OwnPage {
  title: string;
  text: string;
  script: string;
}

function sendOwnPage(res: ServerResponse, page: OwnPage, done?: () => void): void {
  const nonce = randomBytes(16).toString('base64');
  const escape = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const html = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${escape(page.title)}</title></head>`
    + `<body><p>${escape(page.text)}</p><script nonce="${nonce}">${page.script}</script></body></html>`;
  res.writeHead(200, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    'referrer-policy': 'no-referrer',
    'content-security-policy': `default-src 'none'; script-src 'nonce-${nonce}'; base-uri 'none'; form-action 'none'`,
  });
  res.end(html, done);
}

/** Cuts the link back to the app's page (the provider's pages cannot reach it), then goes to the flow. */
function startPage(firstLocal: string): OwnPage {
  const target = JSON.stringify(firstLocal).replace(/</g, '\\u003c');
  return { title: 'Sign in', text: 'Opening the sign-in page…', script: `window.opener=null;location.replace(${target});` };
}

function endPage(end: SsoEnd): OwnPage {
  const text = end.kind === 'finished' ? 'Signed in. You can close this window.' : 'The sign-in did not succeed. You can close this window.';
  return { title: 'Sign in', text, script: 'window.close();' };
}
