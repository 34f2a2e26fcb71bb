// The one-off steps of signing in: a short DDP session that trades credentials for a resume token, and
// GET /api/v1/me for the account's own username. The long-lived connection then always resumes with the token.
import { classifyLoginError, classifyTokenError, restAuthHeaders, type LoginRefusal } from './auth.js';
import { DdpConnection, DdpMethodError, type DdpConnectionDeps } from './ddp-connection.js';
import { rcError, restRateLimit } from './errors.js';
import { LoginResult, MeResult } from './schemas.js';
import { websocketUrl } from './url.js';

export type TokenGrant = { kind: 'granted'; userId: string; token: string } | LoginRefusal;

const ignoreEvents = { onChanged: () => undefined, onSubscriptionLost: () => undefined, onClosed: () => undefined };

/** Sends one `login` request on a fresh connection. `kind` says how a refusal is read. */
export async function requestToken(
  serverUrl: string,
  request: object,
  kind: 'credentials' | 'token',
  deps: DdpConnectionDeps,
): Promise<TokenGrant> {
  const connection = await DdpConnection.open(websocketUrl(serverUrl), deps, ignoreEvents);
  try {
    const result = LoginResult.safeParse(await connection.call('login', [request]));
    if (!result.success) return { kind: 'error', error: rcError('internal', 'The server answered the sign-in oddly.') };
    return { kind: 'granted', userId: result.data.id, token: result.data.token };
  } catch (error) {
    if (!(error instanceof DdpMethodError)) throw error;
    const now = deps.clock.now();
    return kind === 'credentials' ? classifyLoginError(error.ddp, now) : { kind: 'error', error: classifyTokenError(error.ddp, now) };
  } finally {
    connection.close('sign-in done');
  }
}

/** The signed-in user's own record. */
export async function fetchMe(
  serverUrl: string,
  userId: string,
  token: string,
  fetchImpl: typeof fetch,
  timeoutMs: number,
): Promise<{ username: string; name?: string }> {
  let response: Response;
  try {
    response = await fetchImpl(`${serverUrl}/api/v1/me`, {
      headers: restAuthHeaders({ userId, token }),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch {
    throw rcError('server-unreachable', 'The server could not be reached.');
  }
  if (response.status === 401 || response.status === 403) throw rcError('wrong-credentials', 'The server did not accept the token.');
  const limited = restRateLimit(response, Date.now());
  if (limited) throw limited;
  const body: unknown = await response.json().catch(() => undefined);
  const me = MeResult.safeParse(body);
  if (!response.ok || !me.success || me.data._id !== userId) throw rcError('internal', 'The server did not say who is signed in.');
  return me.data.name !== undefined ? { username: me.data.username, name: me.data.name } : { username: me.data.username };
}
