import type { IncomingMessage, ServerResponse } from 'node:http';

import { login } from '../auth/login.js';
import type { ServerContext } from '../context.js';
import { MeteorError, tooManyRequests } from '../ddp/errors.js';
import { publicSettings } from '../methods/settings.js';
import { serviceConfigurations } from '../auth/sso/services.js';
import { revokeToken } from '../services/users.js';
import { hasNativeOtr } from '../versions.js';
import { restClientAddress } from './client-address.js';
import { syncMessages } from './sync-rest.js';
import { chatOtr } from './otr-rest.js';
import { reply } from './reply.js';
import { handleUpload, uploadRoute } from './uploads-rest.js';
import { ownUser } from '../store/views.js';
import type { UserRecord } from '../store/types.js';
import { hashLoginToken } from '../util/ids.js';

const MAX_BODY_BYTES = 1024 * 1024;

// The pre-8.0 compatible shape Rocket.Chat still adds to 401s, so older clients keep working.
const mustLogIn = { success: false, status: 'error', error: 'You must be logged in to do this.', message: 'You must be logged in to do this.' };

async function readJsonBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new RangeError('Request body too large');
    chunks.push(buffer);
  }
  if (size === 0) return {};
  const parsed: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new SyntaxError('Body must be an object');
  return parsed as Record<string, unknown>;
}

/** X-User-Id + X-Auth-Token (a login token or a personal access token). */
function authenticate(ctx: ServerContext, req: IncomingMessage): { user: UserRecord; hashedToken: string } | undefined {
  const userId = req.headers['x-user-id'];
  const token = req.headers['x-auth-token'];
  if (typeof userId !== 'string' || typeof token !== 'string') return undefined;
  const user = ctx.state.users.get(userId);
  const hashedToken = hashLoginToken(token);
  if (!user || !user.services.resume.loginTokens.some((t) => t.hashedToken === hashedToken)) return undefined;
  return { user, hashedToken };
}

/** Rocket.Chat's REST login: maps {user|username|email, password, code} onto the DDP login request. */
function loginRequest(body: Record<string, unknown>, req: IncomingMessage): unknown {
  const { user, username, email, password, code: bodyCode } = body;
  const code = bodyCode ?? req.headers['x-2fa-code'];
  if (body.ldap === true) {
    const { code: _ignored, ...ldap } = body;
    return code ? { totp: { login: ldap, code } } : ldap;
  }
  if (password === undefined || password === null) return body;
  if (Object.keys(body).some((k) => !['user', 'username', 'email', 'password', 'code'].includes(k))) return body;
  let selector: Record<string, unknown> | undefined;
  if (typeof user === 'string') selector = user.includes('@') ? { email: user } : { username: user };
  else if (username) selector = { username };
  else if (email) selector = { email };
  if (!selector) return body;
  const auth = { user: selector, password };
  return code ? { totp: { login: auth, code } } : auth;
}

function handleLogin(ctx: ServerContext, body: Record<string, unknown>, req: IncomingMessage, res: ServerResponse): void {
  try {
    const outcome = login(ctx, loginRequest(body, req), restClientAddress(req, ctx.options.httpForwardedCount));
    reply(res, 200, {
      status: 'success',
      data: { userId: outcome.user._id, authToken: outcome.token, me: ownUser(outcome.user) },
    });
  } catch (err) {
    if (!(err instanceof MeteorError)) throw err;
    const masked = err.reason === 'User not found';
    reply(res, 401, {
      success: false,
      status: 'error',
      error: masked ? 'Unauthorized' : err.error,
      ...(masked ? {} : { errorType: err.error }),
      ...(err.details !== undefined ? { details: err.details } : {}),
      message: masked ? 'Unauthorized' : (err.reason ?? err.message),
    });
  }
}

/**
 * Rocket.Chat's API rate limiter: X-RateLimit-Limit/-Remaining/-Reset on every answer, 429 past the limit with
 * the DDP limiter's wording.
 */
function allowedByLimiter(ctx: ServerContext, req: IncomingMessage, res: ServerResponse, route: string): boolean {
  const clientAddress = restClientAddress(req, ctx.options.httpForwardedCount);
  const now = Date.now();
  const outcome = ctx.restLimiter.count({ type: 'method', name: route, userId: null, connectionId: '', clientAddress }, now);
  if (outcome.limit > 0) {
    res.setHeader('X-RateLimit-Limit', String(outcome.limit));
    res.setHeader('X-RateLimit-Remaining', String(outcome.remaining));
    res.setHeader('X-RateLimit-Reset', String(now + outcome.resetIn));
  }
  if (outcome.timeToReset < 0) return true;
  const error = tooManyRequests(outcome.timeToReset);
  reply(res, 429, { success: false, error: `${error.reason ?? ''} [error-too-many-requests]` });
  return false;
}

/**
 * The route as Rocket.Chat's limiter keys it: its pattern (`/v1/rooms.media/:rid`), so every room and file shares
 * one allowance per endpoint instead of each getting its own.
 */
function routePattern(path: string): string {
  return path
    .replace(/^(\/api\/v1\/rooms\.(?:upload|media))\/[^/]+$/, '$1/:rid')
    .replace(/^(\/api\/v1\/rooms\.mediaConfirm)\/[^/]+\/[^/]+$/, '$1/:rid/:fileId');
}

/** Serves the REST endpoints; anything else under /api answers 404 in Rocket.Chat's error shape. */
export async function handleRest(ctx: ServerContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const path = new URL(req.url ?? '/', 'http://localhost').pathname.replace(/\/+$/, '');
  const method = req.method ?? 'GET';
  if (!allowedByLimiter(ctx, req, res, `${method} ${routePattern(path)}`)) return;
  const upload = uploadRoute(ctx, method, path);
  if (upload) {
    const auth = authenticate(ctx, req);
    if (!auth) reply(res, 401, mustLogIn);
    else await handleUpload(ctx, upload, path, auth.user, req, res, () => readJsonBody(req));
    return;
  }
  // Only the upload routes take a form: anywhere else it is an endpoint this version does not have.
  if (req.headers['content-type']?.startsWith('multipart/')) {
    reply(res, 404, { success: false, error: `API endpoint "${path}" not found` });
    return;
  }
  let body: Record<string, unknown> = {};
  if (method === 'POST') {
    try {
      body = await readJsonBody(req);
    } catch (err) {
      reply(res, err instanceof RangeError ? 413 : 400, { success: false, error: (err as Error).message });
      return;
    }
  }
  if (path === '/api/info' && method === 'GET') {
    // Only a signed-in caller learns the full version; anonymous callers get major.minor.
    const version = authenticate(ctx, req) ? ctx.options.version : ctx.options.version.split('.').slice(0, 2).join('.');
    reply(res, 200, { version, success: true });
    return;
  }
  if (path === '/api/v1/login' && method === 'POST') {
    handleLogin(ctx, body, req, res);
    return;
  }
  if (path === '/api/v1/settings.public' && method === 'GET') {
    // `_id=a,b` picks settings (Rocket.Chat 6 and later); `query` is ignored, as since 7.0.
    const ids = new URL(req.url ?? '/', 'http://localhost').searchParams.get('_id')?.split(',').map((id) => id.trim()).filter(Boolean);
    const settings = publicSettings(ctx).filter((s) => !ids || ids.includes(s._id)).map(({ _id, value }) => ({ _id, value }));
    reply(res, 200, { settings, count: settings.length, offset: 0, total: settings.length, success: true });
    return;
  }
  if (path === '/api/v1/settings.oauth' && method === 'GET') {
    reply(res, 200, { services: serviceConfigurations(ctx), success: true });
    return;
  }
  const routes = new Set(['GET /api/v1/me', 'POST /api/v1/logout', 'GET /api/v1/logout', 'GET /api/v1/chat.syncMessages',
    ...(hasNativeOtr(ctx.options) ? ['POST /api/v1/chat.otr'] : [])]);
  if (!routes.has(`${method} ${path}`)) {
    reply(res, 404, { success: false, error: `API endpoint "${path}" not found` });
    return;
  }
  const auth = authenticate(ctx, req);
  if (!auth) {
    reply(res, 401, mustLogIn);
    return;
  }
  if (path === '/api/v1/me') {
    reply(res, 200, { ...ownUser(auth.user), success: true });
    return;
  }
  if (path === '/api/v1/chat.syncMessages') {
    const answer = syncMessages(ctx, auth.user, new URL(req.url ?? '/', 'http://localhost').searchParams);
    reply(res, answer.status, answer.body);
    return;
  }
  if (path === '/api/v1/chat.otr') {
    const answer = chatOtr(ctx, auth.user, body);
    reply(res, answer.status, answer.body);
    return;
  }
  revokeToken(ctx, auth.user, auth.hashedToken);
  reply(res, 200, { status: 'success', data: { message: "You've been logged out!" } });
}
