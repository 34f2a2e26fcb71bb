// Which client address the per-address limits count, as Rocket.Chat derives it: REST honours X-Real-IP and, only
// with HTTP_FORWARDED_COUNT set, X-Forwarded-For counted from the end; DDP (Meteor) only the latter.
import { request, type IncomingMessage } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { ddpClientAddress, forwardedCountFromEnv } from '../../server/http/client-address.js';
import { startServer, type LocalServer, type ServerOptions } from '../../server/index.js';

const servers: LocalServer[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
});

async function serve(options: ServerOptions = {}): Promise<LocalServer> {
  const server = await startServer({ port: 0, seed: 'demo', ...options });
  servers.push(server);
  return server;
}

/** GET from `localAddress` (any 127.x.y.z is this machine) with these headers; answers the status. */
function get(server: LocalServer, headers: Record<string, string> = {}, localAddress = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(`${server.url}/api/v1/settings.public`, { headers, localAddress }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Ten calls of the route use up one address's minute; answers the eleventh's status. */
async function eleventh(server: LocalServer, first: Record<string, string>, then: Record<string, string>, thenFrom?: string) {
  for (let i = 0; i < 10; i += 1) expect(await get(server, first)).toBe(200);
  return get(server, then, thenFrom);
}

describe('the REST limiter counts the address Rocket.Chat derives', () => {
  it('without HTTP_FORWARDED_COUNT (the default) X-Forwarded-For is ignored: a changed header does not buy more calls', async () => {
    const server = await serve({ httpForwardedCount: 0 });
    expect(await eleventh(server, { 'x-forwarded-for': '10.0.0.1' }, { 'x-forwarded-for': '10.0.0.2' })).toBe(429);
  });

  it('a different machine (another source address) has a budget of its own', async () => {
    const server = await serve({ httpForwardedCount: 0 });
    expect(await eleventh(server, {}, {}, '127.0.0.2')).toBe(200);
    expect(await get(server)).toBe(429);
  });

  it('X-Real-IP names the client whatever the forwarded count, as the real middleware reads it', async () => {
    const server = await serve({ httpForwardedCount: 0 });
    expect(await eleventh(server, { 'x-real-ip': '10.0.0.1' }, { 'x-real-ip': '10.0.0.2' })).toBe(200);
    expect(await get(server, { 'x-real-ip': '10.0.0.1' })).toBe(429);
  });

  it('behind one proxy (HTTP_FORWARDED_COUNT=1) the last X-Forwarded-For entry names the client; earlier ones are the spoofable part', async () => {
    const server = await serve({ httpForwardedCount: 1 });
    expect(await eleventh(server, { 'x-forwarded-for': 'a, 10.0.0.1' }, { 'x-forwarded-for': 'b, 10.0.0.1' })).toBe(429);
    expect(await get(server, { 'x-forwarded-for': 'a, 10.0.0.2' })).toBe(200);
  });
});

describe("DDP's client address (Meteor's _clientAddress)", () => {
  const upgrade = (remoteAddress: string, headers: Record<string, string> = {}) =>
    ({ socket: { remoteAddress }, headers }) as unknown as IncomingMessage;

  it('is the socket address by default, forwarded headers and X-Real-IP ignored', () => {
    expect(ddpClientAddress(upgrade('::ffff:127.0.0.3', { 'x-forwarded-for': '10.0.0.1', 'x-real-ip': '10.0.0.2' }), 0)).toBe('127.0.0.3');
  });

  it('with a forwarded count, the entry that many from the end, or none when the header is short or missing', () => {
    expect(ddpClientAddress(upgrade('127.0.0.1', { 'x-forwarded-for': 'spoof, 10.0.0.1' }), 1)).toBe('10.0.0.1');
    expect(ddpClientAddress(upgrade('127.0.0.1', { 'x-forwarded-for': 'spoof, 10.0.0.1' }), 2)).toBe('spoof');
    expect(ddpClientAddress(upgrade('127.0.0.1', { 'x-forwarded-for': '10.0.0.1' }), 2)).toBe('');
    expect(ddpClientAddress(upgrade('127.0.0.1', { 'x-real-ip': '10.0.0.2' }), 1)).toBe('');
  });

  it('reads the count from HTTP_FORWARDED_COUNT, 0 when unset or not a number', () => {
    expect(forwardedCountFromEnv({ HTTP_FORWARDED_COUNT: '1' })).toBe(1);
    expect(forwardedCountFromEnv({})).toBe(0);
    expect(forwardedCountFromEnv({ HTTP_FORWARDED_COUNT: 'yes' })).toBe(0);
  });
});
