// The network of one profile: the two agents every account's connections use, the user's certificate pins, and
// how each account learns that one of its connections met a certificate nobody trusts (it asks the user).
import type { CertificateProblem } from '../../contract/model.js';
import { webSocketFactory, type SocketFactory } from '../rocketchat/socket.js';
import { ServerAgent, UntrustedCertificateError, type TrustPolicy } from './agent.js';
import type { CertificatePins } from './certificate-pins.js';
import { fetchOver } from './node-fetch.js';
import { envProxyResolver, type ProxyResolver } from './proxy.js';

export interface NetworkOptions {
  pins: CertificatePins;
  /** Default: HTTPS_PROXY / HTTP_PROXY / NO_PROXY of this process. */
  proxyFor?: ProxyResolver;
  /** Electron: Chromium's verdict (the OS trust store) for a certificate Node's store does not know. */
  systemTrusts?: TrustPolicy['systemTrusts'];
  connectTimeoutMs?: number;
}

export interface AccountNetwork {
  fetch: typeof fetch;
  /** The same, without reporting an untrusted certificate: for looks the user did not ask for. */
  quietFetch: typeof fetch;
  openSocket: SocketFactory;
}

export interface Network {
  readonly pins: CertificatePins;
  /** Connections for one account; a refusal for an untrusted certificate is reported to `onUntrusted`. */
  forAccount(onUntrusted: (problem: CertificateProblem) => void): AccountNetwork;
}

export function createNetwork(options: NetworkOptions): Network {
  const trust: TrustPolicy = {
    pinnedFor: (host) => options.pins.fingerprintFor(host),
    ...(options.systemTrusts ? { systemTrusts: options.systemTrusts } : {}),
  };
  const deps = { trust, proxyFor: options.proxyFor ?? envProxyResolver(), connectTimeoutMs: options.connectTimeoutMs ?? 15_000 };
  const agents = { http: new ServerAgent(false, deps), https: new ServerAgent(true, deps) };
  const fetchImpl = fetchOver(agents);
  return {
    pins: options.pins,
    forAccount(onUntrusted) {
      const report = (error: unknown): void => {
        if (error instanceof UntrustedCertificateError) onUntrusted(error.problem);
      };
      const reportingFetch = (async (input: string | URL | Request, init?: RequestInit) => {
        try {
          return await fetchImpl(input, init);
        } catch (error) {
          report(error);
          throw error;
        }
      }) as typeof fetch;
      const openSocket = webSocketFactory({
        agentFor: (url) => (url.startsWith('wss:') ? agents.https : agents.http),
        onError: report,
      });
      return { fetch: reportingFetch, quietFetch: fetchImpl, openSocket };
    },
  };
}
