// Which HTTP proxy a connection to the server goes through, and the tunnel through it. The browser host and the
// Node core read HTTPS_PROXY / HTTP_PROXY / NO_PROXY like curl does; the Electron app asks Chromium
// (`session.resolveProxy`, PAC included) and hands the answer over as a ProxyResolver.
import { request } from 'node:http';
import type { Socket } from 'node:net';

/** The proxy (`http://[user:pass@]host:port`) for a server URL, or undefined to connect directly. */
export type ProxyResolver = (url: string) => Promise<string | undefined>;

/** The proxy could not be reached at all (refused, no such host, no answer). */
export class ProxyUnreachableError extends Error {
  constructor(readonly proxy: string, cause: string) {
    super(`the proxy ${proxy} could not be reached (${cause})`);
    this.name = 'ProxyUnreachableError';
  }
}

type Env = Readonly<Record<string, string | undefined>>;

const read = (env: Env, name: string): string | undefined => {
  const value = env[name.toLowerCase()] ?? env[name.toUpperCase()];
  return value && value.trim() !== '' ? value.trim() : undefined;
};

/** NO_PROXY: `*`, or names that match the host or end it (`example.org`, `.example.org`), optionally with `:port`. */
export function bypassesProxy(url: URL, noProxy: string | undefined): boolean {
  if (!noProxy) return false;
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const port = url.port || (url.protocol === 'https:' || url.protocol === 'wss:' ? '443' : '80');
  return noProxy.split(/[\s,]+/).some((raw) => {
    const entry = raw.trim().toLowerCase();
    if (entry === '') return false;
    if (entry === '*') return true;
    const [name = '', entryPort] = entry.startsWith('[') ? [entry.slice(1, entry.indexOf(']')), entry.split(']:')[1]] : entry.split(':');
    if (entryPort !== undefined && entryPort !== port) return false;
    const bare = name.replace(/^\*?\./, '');
    return host === bare || host.endsWith(`.${bare}`);
  });
}

/** HTTPS_PROXY for https/wss, HTTP_PROXY for http/ws (either case), unless NO_PROXY names the host. */
export function envProxyResolver(env: Env = process.env): ProxyResolver {
  return (url) => {
    const target = new URL(url);
    const secure = target.protocol === 'https:' || target.protocol === 'wss:';
    const proxy = secure ? read(env, 'https_proxy') ?? read(env, 'all_proxy') : read(env, 'http_proxy') ?? read(env, 'all_proxy');
    if (!proxy || bypassesProxy(target, read(env, 'no_proxy'))) return Promise.resolve(undefined);
    return Promise.resolve(/^[a-z]+:\/\//i.test(proxy) ? proxy : `http://${proxy}`);
  };
}

/**
 * A CONNECT tunnel through the proxy to host:port. Every connection (https, wss, and plain http/ws, which the
 * client only allows to this computer) goes through CONNECT, so the proxy never sees the login token in clear.
 */
export function openTunnel(proxyUrl: string, host: string, port: number, timeoutMs: number): Promise<Socket> {
  const proxy = new URL(proxyUrl);
  const authority = `${host.includes(':') ? `[${host}]` : host}:${port}`;
  const auth = proxy.username ? `Basic ${Buffer.from(`${decodeURIComponent(proxy.username)}:${decodeURIComponent(proxy.password)}`).toString('base64')}` : undefined;
  const where = `${proxy.hostname}:${proxy.port || '80'}`;
  return new Promise((resolve, reject) => {
    const req = request({
      host: proxy.hostname.replace(/^\[|\]$/g, ''),
      port: Number(proxy.port || 80),
      method: 'CONNECT',
      path: authority,
      headers: { host: authority, ...(auth ? { 'proxy-authorization': auth } : {}) },
      timeout: timeoutMs,
      agent: false,
    });
    req.once('connect', (response, socket) => {
      if (response.statusCode === 200) {
        // The request's timeout was for reaching the proxy; a quiet tunnel is the connection's own business.
        socket.setTimeout(0);
        resolve(socket);
        return;
      }
      socket.destroy();
      reject(new Error(`the proxy ${where} refused the connection to ${authority} (${response.statusCode ?? 0})`));
    });
    req.once('timeout', () => req.destroy(new ProxyUnreachableError(where, 'no answer')));
    req.once('error', (error: NodeJS.ErrnoException) => {
      reject(error instanceof ProxyUnreachableError ? error : new ProxyUnreachableError(where, error.code ?? error.message));
    });
    req.end();
  });
}
