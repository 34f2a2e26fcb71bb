// What a server offers at sign-in, read anonymously before anyone signs in, as the web client does: the public
// settings that change the form (LDAP_Enable, Accounts_ShowFormLogin) and the login services (GET
// /api/v1/settings.oauth: Meteor's service configurations; SAML, CAS and custom OAuth records come whole).
import { z } from 'zod';
import { PublicSetting } from './schemas.js';

export type SsoKind = 'saml' | 'oauth' | 'cas';

/** One SSO service with what it takes to start it; only id, kind and label ever reach the renderer. */
export type SsoServiceConfig =
  | { kind: 'saml'; id: string; label: string; provider: string; entryPoint?: string }
  | { kind: 'cas'; id: string; label: string; loginUrl: string; width?: number; height?: number }
  | { kind: 'oauth'; id: string; label: string; name: string; authorizeUrl: string; clientId: string; scope: string };

export interface ServerLoginOptions {
  /** The server answered its settings (else these are Rocket.Chat's defaults, e.g. after a 429). */
  known: boolean;
  ldap: boolean;
  passwordForm: boolean;
  sso: SsoServiceConfig[];
}

const WANTED = ['LDAP_Enable', 'Accounts_ShowFormLogin'];
const Settings = z.object({ settings: z.array(PublicSetting) }).loose();
const Services = z.object({ services: z.array(z.record(z.string(), z.unknown())) }).loose();

const str = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined);
const num = (value: unknown): number | undefined => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);

async function getJson(url: string, fetchImpl: typeof fetch, timeoutMs: number): Promise<unknown> {
  try {
    const response = await fetchImpl(url, { signal: AbortSignal.timeout(timeoutMs) });
    return response.ok ? await response.json() : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The public settings asked for by `_id` (Rocket.Chat 6 and later; 7.0 refuses the old `query` parameter); a
 * server that ignores `_id` answers its first page, so the old `query` form is tried when the settings are missing.
 */
async function publicSettings(serverUrl: string, fetchImpl: typeof fetch, timeoutMs: number): Promise<Map<string, unknown>> {
  const found = new Map<string, unknown>();
  const read = (body: unknown): void => {
    const parsed = Settings.safeParse(body);
    if (parsed.success) for (const s of parsed.data.settings) if (WANTED.includes(s._id)) found.set(s._id, s.value);
  };
  read(await getJson(`${serverUrl}/api/v1/settings.public?_id=${WANTED.join(',')}`, fetchImpl, timeoutMs));
  if (found.size === 0) {
    const query = encodeURIComponent(JSON.stringify({ _id: { $in: WANTED } }));
    read(await getJson(`${serverUrl}/api/v1/settings.public?query=${query}`, fetchImpl, timeoutMs));
  }
  return found;
}

/** A service configuration as an SSO button, or undefined for what this client cannot start (e.g. Google). */
export function ssoServiceOf(record: Record<string, unknown>, serverUrl: string): SsoServiceConfig | undefined {
  const service = str(record.service) ?? str(record.name);
  if (service === 'saml') {
    const clientConfig = record.clientConfig as Record<string, unknown> | undefined;
    const provider = str(clientConfig?.provider);
    const entryPoint = str(record.entryPoint);
    return provider ? { kind: 'saml', id: 'saml', label: str(record.buttonLabelText) ?? 'SAML', provider, ...(entryPoint ? { entryPoint } : {}) } : undefined;
  }
  if (service === 'cas') {
    const loginUrl = str(record.login_url);
    if (!loginUrl || record.enabled === false) return undefined;
    const width = num(record.width);
    const height = num(record.height);
    return { kind: 'cas', id: 'cas', label: str(record.buttonLabelText) ?? 'CAS', loginUrl, ...(width ? { width } : {}), ...(height ? { height } : {}) };
  }
  if (service && record.custom === true) {
    const clientId = str(record.clientId);
    const authorizePath = str(record.authorizePath);
    if (!clientId || !authorizePath) return undefined;
    // Rocket.Chat's custom OAuth: authorizePath is relative to serverURL unless it is a whole URL.
    const authorizeUrl = /^https?:\/\//i.test(authorizePath) ? authorizePath : `${(str(record.serverURL) ?? serverUrl).replace(/\/+$/, '')}${authorizePath}`;
    return { kind: 'oauth', id: `oauth:${service}`, label: str(record.buttonLabelText) ?? service, name: service, authorizeUrl, clientId, scope: str(record.scope) ?? 'openid' };
  }
  return undefined;
}

/** Unknown answers count as Rocket.Chat's defaults: no LDAP, the password form shown, no SSO. */
export async function fetchLoginOptions(serverUrl: string, fetchImpl: typeof fetch, timeoutMs: number): Promise<ServerLoginOptions> {
  const [settings, services] = await Promise.all([
    publicSettings(serverUrl, fetchImpl, timeoutMs),
    getJson(`${serverUrl}/api/v1/settings.oauth`, fetchImpl, timeoutMs),
  ]);
  const parsed = Services.safeParse(services);
  const sso = parsed.success ? parsed.data.services.flatMap((record) => ssoServiceOf(record, serverUrl) ?? []) : [];
  return { known: settings.size > 0 && parsed.success, ldap: settings.get('LDAP_Enable') === true, passwordForm: settings.get('Accounts_ShowFormLogin') !== false, sso };
}
