// The one way the core reaches a server: every REST call and the DDP WebSocket use these agents. A connection goes
// through the proxy the resolver names (a CONNECT tunnel) or directly; a TLS connection is handed to its request
// only once its certificate is trusted — by Node's trust store (with NODE_EXTRA_CA_CERTS), by the system (the
// Electron app asks Chromium), or by the user's pin for that host. Nothing is sent to a server before that.
import { Agent, type AgentOptions } from 'node:http';
import { connect as netConnect, isIP, type Socket } from 'node:net';
import { connect as tlsConnect, type PeerCertificate, type TLSSocket } from 'node:tls';
import type { Duplex } from 'node:stream';
import type { CertificateProblem } from '../../contract/model.js';
import type { ProxyResolver } from './proxy.js';
import { openTunnel } from './proxy.js';

/** A certificate nobody vouches for: the user decides (the dialog), the connection is refused meanwhile. */
export class UntrustedCertificateError extends Error {
  constructor(readonly problem: CertificateProblem) {
    super(`the certificate of ${problem.host} is not trusted`);
    this.name = 'UntrustedCertificateError';
  }
}

export interface TrustPolicy {
  /** The fingerprint the user pinned for this host (host:port). */
  pinnedFor(host: string): string | undefined;
  /** The system's own verdict where Node's store is not the system's (Electron: Chromium's verification). */
  systemTrusts?(host: string, fingerprint: string): Promise<boolean>;
}

export interface AgentDeps {
  trust: TrustPolicy;
  proxyFor: ProxyResolver;
  connectTimeoutMs: number;
}

function issuerOf(cert: PeerCertificate): string {
  const { CN, O } = cert.issuer as Partial<Record<string, string>>;
  return [CN, O].filter((part) => part !== undefined && part !== '').join(', ').slice(0, 500);
}

async function checkTrust(socket: TLSSocket, host: string, trust: TrustPolicy): Promise<void> {
  if (socket.authorized) return;
  const cert = socket.getPeerCertificate();
  const fingerprint = cert.fingerprint256;
  const pinned = trust.pinnedFor(host);
  if (pinned === fingerprint) return;
  // A name mismatch is not the user's to wave through: only an unknown issuer is.
  const reason = String(socket.authorizationError);
  if (reason === 'ERR_TLS_CERT_ALTNAME_INVALID') throw new Error(`the certificate is not for ${host}`);
  if (await trust.systemTrusts?.(host, fingerprint)) return;
  throw new UntrustedCertificateError({ host, fingerprint, issuer: issuerOf(cert), changed: pinned !== undefined });
}

interface ConnectOptions {
  host?: string | null;
  hostname?: string | null;
  port?: number | string | null;
}

type Created = (error: Error | null, socket: Duplex) => void;

/** An http.Agent for one protocol ('http:' or 'https:'); `ws` and our fetch pass it to every request. */
export class ServerAgent extends Agent {
  constructor(readonly secure: boolean, private readonly deps: AgentDeps, options: AgentOptions = {}) {
    super({ keepAlive: false, ...options });
    (this as unknown as { protocol: string }).protocol = secure ? 'https:' : 'http:';
    (this as unknown as { defaultPort: number }).defaultPort = secure ? 443 : 80;
  }

  // Node's Agent waits for the callback when createConnection returns nothing, so the request is held until the
  // tunnel stands and the certificate is judged.
  override createConnection(options: ConnectOptions, callback?: Created): undefined {
    this.open(options).then(
      (socket) => callback?.(null, socket),
      (error: unknown) => callback?.(error instanceof Error ? error : new Error(String(error)), undefined as unknown as Duplex),
    );
    return undefined;
  }

  private async open(options: ConnectOptions): Promise<Socket> {
    const hostname = (options.hostname ?? options.host ?? 'localhost').replace(/^\[|\]$/g, '');
    const port = Number(options.port ?? (this.secure ? 443 : 80));
    const authority = `${hostname.includes(':') ? `[${hostname}]` : hostname}:${port}`;
    const url = `${this.secure ? 'https' : 'http'}://${authority}/`;
    const proxy = await this.deps.proxyFor(url);
    const raw = proxy ? await openTunnel(proxy, hostname, port, this.deps.connectTimeoutMs) : await direct(hostname, port, this.deps.connectTimeoutMs);
    if (!this.secure) return raw;
    const tls = tlsConnect({
      socket: raw,
      host: hostname,
      ...(isIP(hostname) ? {} : { servername: hostname }),
      rejectUnauthorized: false,
      ALPNProtocols: ['http/1.1'],
    });
    try {
      await new Promise<void>((resolve, reject) => {
        tls.once('secureConnect', resolve);
        tls.once('error', reject);
      });
      await checkTrust(tls, authority, this.deps.trust);
    } catch (error) {
      tls.destroy();
      throw error;
    }
    return tls;
  }
}

function direct(host: string, port: number, timeoutMs: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = netConnect({ host, port });
    const timer = setTimeout(() => socket.destroy(new Error('the server did not answer in time')), timeoutMs);
    socket.once('connect', () => {
      clearTimeout(timer);
      resolve(socket);
    });
    socket.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}
