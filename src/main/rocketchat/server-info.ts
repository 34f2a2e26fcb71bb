// "Is this a Rocket.Chat server we can talk to?" — GET /api/info on the normalised URL.
import { UntrustedCertificateError } from '../net/agent.js';
import { ProxyUnreachableError } from '../net/proxy.js';
import { rcError, restRateLimit } from './errors.js';
import { ApiInfo } from './schemas.js';
import type { ServerInfo } from './types.js';
import { normalizeServerUrl } from './url.js';

/** Oldest server line this client was written against (streams, methods and EJSON as used here). */
export const MIN_SERVER_MAJOR = 3;

export function parseVersion(version: string): [number, number, number] | undefined {
  const match = /^(\d+)\.(\d+)(?:\.(\d+))?/.exec(version.trim());
  if (!match) return undefined;
  return [Number(match[1]), Number(match[2]), Number(match[3] ?? 0)];
}

export async function checkServer(input: string, fetchImpl: typeof fetch, timeoutMs: number): Promise<ServerInfo> {
  const normalized = normalizeServerUrl(input);
  if (!normalized.ok) throw rcError(normalized.error.code, normalized.error.detail);
  const { url } = normalized;
  let response: Response;
  try {
    response = await fetchImpl(`${url}/api/info`, { signal: AbortSignal.timeout(timeoutMs), redirect: 'follow' });
  } catch (error) {
    // The account asks the user about the certificate (it was told by the network); here it is the answer's code.
    if (error instanceof UntrustedCertificateError) throw rcError('certificate-untrusted');
    if (error instanceof ProxyUnreachableError) throw rcError('proxy-unreachable');
    const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
    throw rcError('server-unreachable', timedOut ? 'The server did not answer in time.' : 'The server could not be reached.');
  }
  const limited = restRateLimit(response, Date.now());
  if (limited) throw limited;
  if (response.status >= 500) throw rcError('server-unreachable', `The server answered with an error (${response.status}).`);
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    throw rcError('not-rocketchat', 'This address does not answer like a Rocket.Chat server.');
  }
  const info = ApiInfo.safeParse(body);
  if (!response.ok || !info.success) throw rcError('not-rocketchat', 'This address does not answer like a Rocket.Chat server.');
  const version = parseVersion(info.data.version);
  if (!version) throw rcError('not-rocketchat', 'The server reported no version.');
  if (version[0] < MIN_SERVER_MAJOR) {
    throw rcError('unsupported-version', `Rocket.Chat ${info.data.version} is too old; ${MIN_SERVER_MAJOR}.0 or newer is needed.`);
  }
  return { url, version: info.data.version };
}
