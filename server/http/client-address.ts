// Which address a request comes from, derived exactly as Rocket.Chat does it, so the per-address limits (REST
// limiter, login blocking, the DDP per-IP rule) count what a real server would count.
import type { IncomingMessage } from 'node:http';

const plain = (address: string | undefined): string | undefined => address?.replace(/^::ffff:/, '');

const header = (req: IncomingMessage, name: string): string | undefined => {
  const value = req.headers[name];
  return typeof value === 'string' ? value : undefined;
};

/**
 * Meteor's `HTTP_FORWARDED_COUNT`: how many proxies stand in front of the server (0, the default, means none, so
 * every forwarded header is ignored where Meteor ignores it).
 */
export function forwardedCountFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  return Number.parseInt(String(env.HTTP_FORWARDED_COUNT), 10) || 0;
}

/**
 * REST (app/api/server/middlewares/remoteAddressMiddleware.ts): `X-Real-IP` when present — whatever the
 * forwarded count — else the socket's address; with a forwarded count N > 0 the N-th `X-Forwarded-For` entry
 * from the end, when the header has that many.
 */
export function restClientAddress(req: IncomingMessage, forwardedCount: number): string {
  const socket = plain(req.socket.remoteAddress);
  const forwardedFor = header(req, 'x-forwarded-for');
  const remoteAddress = header(req, 'x-real-ip') || socket;
  if (!socket) return remoteAddress || forwardedFor || '';
  if (forwardedCount <= 0 || forwardedFor === undefined) return remoteAddress ?? '';
  const hops = forwardedFor.trim().split(/\s*,\s*/);
  if (forwardedCount > hops.length) return remoteAddress ?? '';
  return hops[hops.length - forwardedCount] ?? '';
}

/**
 * DDP (Meteor's livedata_server `_clientAddress`): the socket's address unless a forwarded count is set; then the
 * N-th `X-Forwarded-For` entry from the end of the upgrade request, and no address at all ('') when the header is
 * missing or shorter. `X-Real-IP` plays no part here.
 */
export function ddpClientAddress(req: IncomingMessage, forwardedCount: number): string {
  if (forwardedCount === 0) return plain(req.socket.remoteAddress) ?? '';
  const forwardedFor = header(req, 'x-forwarded-for');
  if (forwardedFor === undefined) return '';
  const hops = forwardedFor.trim().split(/\s*,\s*/);
  if (forwardedCount < 0 || forwardedCount > hops.length) return '';
  return hops[hops.length - forwardedCount] ?? '';
}
