import type { IncomingMessage, ServerResponse } from 'node:http';

import type { ServerContext } from '../context.js';
import { hashLoginToken } from '../util/ids.js';

/**
 * `GET /file-upload/<id>/<name>`, protected as Rocket.Chat's defaults have it (`FileUpload_ProtectFiles`,
 * `FileUpload_Restrict_to_room_members`): the user comes from `rc_uid`/`rc_token` (query or cookies) or the
 * `X-User-Id`/`X-Auth-Token` headers; anything else answers a bare 403, an unknown file a bare 404.
 */
export function handleFileDownload(ctx: ServerContext, req: IncomingMessage, res: ServerResponse): void {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const match = /^\/file-upload\/([^/]+)\//.exec(url.pathname);
  const upload = match?.[1] ? ctx.uploads.get(match[1]) : undefined;
  if (!upload || (req.method !== 'GET' && req.method !== 'HEAD')) {
    res.writeHead(404);
    res.end();
    return;
  }
  // FileUpload.requestCanAccessFiles: the query's pair, or (only without rc_uid in the query) the cookies' pair,
  // each part falling back to its header; a query uid never combines with a cookie token.
  const fromQuery = url.searchParams.has('rc_uid');
  const cookies = fromQuery ? {} : parseCookies(req.headers.cookie);
  const uid = (fromQuery ? url.searchParams.get('rc_uid') : cookies.rc_uid) || header(req, 'x-user-id');
  const token = (fromQuery ? url.searchParams.get('rc_token') : cookies.rc_token) || header(req, 'x-auth-token');
  const user = uid ? ctx.state.users.get(uid) : undefined;
  const signedIn = user !== undefined && token !== undefined
    && user.services.resume.loginTokens.some((t) => t.hashedToken === hashLoginToken(token));
  if (!signedIn || !ctx.state.subscription(upload.rid, user._id)) {
    res.writeHead(403);
    res.end();
    return;
  }
  const download = url.searchParams.has('download');
  res.writeHead(200, {
    'content-type': upload.type,
    'content-length': upload.size,
    'content-disposition': `${download ? 'attachment' : 'inline'}; filename*=UTF-8''${encodeURIComponent(upload.name)}`,
    'content-security-policy': "default-src 'none'",
    'cache-control': 'max-age=31536000',
  });
  res.end(req.method === 'HEAD' ? undefined : upload.bytes);
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return typeof value === 'string' ? value : undefined;
}

function parseCookies(cookie: string | undefined): Record<string, string | undefined> {
  const out: Record<string, string> = {};
  for (const pair of (cookie ?? '').split(';')) {
    const [key, ...value] = pair.trim().split('=');
    if (key) out[key] = decodeURIComponent(value.join('='));
  }
  return out;
}
