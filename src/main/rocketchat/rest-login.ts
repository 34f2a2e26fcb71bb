// Sign-in over REST `POST /api/v1/login`, the way the web and mobile clients do it: the body is the DDP login
// request itself (Rocket.Chat passes a body it does not rewrite straight to the login handlers), so password
// digests, `{totp: {login, code}}` and `{ldap: true, …}` all work, and microservice servers — whose DDP takes
// only `{resume}` — sign in too. `unavailable` means: no usable REST login here, use the DDP forms.
import { z } from 'zod';
import { classifyLoginError, type LoginRefusal } from './auth.js';
import { restRateLimit, type RcError } from './errors.js';

/** `limited`: REST refused with 429 (10 calls a minute per address by default); the DDP form may still sign in. */
export type RestGrant = { kind: 'granted'; userId: string; token: string } | LoginRefusal | { kind: 'unavailable'; limited?: RcError };

const Success = z.object({ status: z.literal('success'), data: z.object({ userId: z.string().min(1), authToken: z.string().min(1) }).loose() }).loose();
const Failure = z.object({
  error: z.union([z.string(), z.number()]).optional(),
  message: z.string().optional(),
  details: z.record(z.string(), z.unknown()).optional(),
}).loose();

export async function restLogin(serverUrl: string, request: object, fetchImpl: typeof fetch, timeoutMs: number, now: () => number): Promise<RestGrant> {
  let response: Response;
  try {
    response = await fetchImpl(`${serverUrl}/api/v1/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(request),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch {
    return { kind: 'unavailable' };
  }
  const limited = restRateLimit(response, now());
  if (limited) return { kind: 'unavailable', limited };
  const body: unknown = await response.json().catch(() => undefined);
  const ok = Success.safeParse(body);
  if (response.ok && ok.success) return { kind: 'granted', userId: ok.data.data.userId, token: ok.data.data.authToken };
  const failure = Failure.safeParse(body);
  if (response.status === 404 || response.status >= 500 || !failure.success) return { kind: 'unavailable' };
  const { error, message, details } = failure.data;
  // 'Unauthorized' is the masked answer for a wrong user or password.
  return classifyLoginError({
    error: error === 'Unauthorized' || error === undefined ? 401 : error,
    ...(message !== undefined ? { reason: message } : {}),
    ...(details !== undefined ? { details } : {}),
  }, now());
}
