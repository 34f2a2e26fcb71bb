// Files over Rocket.Chat's REST API with the user's credentials (headers, never in a URL the window could see):
// authenticated downloads under /file-upload and uploads (rooms.media + rooms.mediaConfirm from 6.0, rooms.upload
// before; rooms.upload is gone from 7.0).
import { randomBytes } from 'node:crypto';
import type { AccountIdentity } from './account.js';
import { restAuthHeaders } from './auth.js';
import { rcError } from './errors.js';
import type { UploadSource } from './types.js';

/** Rocket.Chat's default `FileUpload_MaxFileSize`: 100 MiB. */
export const DEFAULT_MAX_FILE_SIZE = 104_857_600;
/** Rocket.Chat's default `FileUpload_MediaTypeBlackList`. */
export const DEFAULT_MEDIA_TYPE_BLACKLIST = 'image/svg+xml';

/** Whether a server with this `FileUpload_MediaTypeBlackList` takes a file of `type` ('image/*' entries too). */
export function mediaTypeAccepted(blacklist: string, type: string): boolean {
  const [kind] = type.split('/');
  return !blacklist.split(',').map((entry) => entry.trim()).some((entry) => entry !== '' && (entry === type || entry === `${kind}/*`));
}

export async function fetchFile(identity: AccountIdentity, fetchImpl: typeof fetch, path: string, signal?: AbortSignal): Promise<Response> {
  if (!/^\/file-upload\/[^?#]+$/.test(path) || path.includes('..')) throw rcError('invalid-request', 'Not a file on this server.');
  const response = await fetchImpl(new URL(path, identity.serverUrl), { headers: restAuthHeaders(identity), signal, redirect: 'error' });
  if (response.status === 401 || response.status === 403) throw rcError('not-allowed');
  if (response.status === 404) throw rcError('not-found');
  if (!response.ok) throw rcError('internal', `The server answered ${response.status}.`);
  return response;
}

export async function uploadFile(identity: AccountIdentity, fetchImpl: typeof fetch, roomId: string, source: UploadSource): Promise<void> {
  const major = Number.parseInt(identity.serverVersion ?? '', 10);
  const rid = encodeURIComponent(roomId);
  // Unknown version: the two-step API of every supported modern server.
  if (Number.isFinite(major) && major < 6) {
    await post(identity, fetchImpl, `/api/v1/rooms.upload/${rid}`, multipart(source, source.threadId ? { tmid: source.threadId } : {}), source.signal);
    return;
  }
  const stored = await post(identity, fetchImpl, `/api/v1/rooms.media/${rid}`, multipart(source, {}), source.signal);
  const file = (stored as { file?: { _id?: unknown } }).file;
  if (typeof file?._id !== 'string') throw rcError('internal', 'The server did not say where the file went.');
  const body = JSON.stringify(source.threadId ? { msg: '', tmid: source.threadId } : { msg: '' });
  await post(identity, fetchImpl, `/api/v1/rooms.mediaConfirm/${rid}/${encodeURIComponent(file._id)}`,
    { body, type: 'application/json' }, source.signal);
}

interface Body {
  body: string | ReadableStream<Uint8Array>;
  type: string;
}

async function post(identity: AccountIdentity, fetchImpl: typeof fetch, path: string, body: Body, signal: AbortSignal): Promise<unknown> {
  const init: RequestInit & { duplex?: 'half' } = {
    method: 'POST', body: body.body, signal, headers: { ...restAuthHeaders(identity), 'Content-Type': body.type },
    ...(typeof body.body === 'string' ? {} : { duplex: 'half' }),
  };
  let response: Response;
  try {
    response = await fetchImpl(new URL(path, identity.serverUrl), init);
  } catch (error) {
    if (signal.aborted) throw rcError('not-confirmed', 'The upload was cancelled.');
    throw rcError('server-unreachable', error instanceof Error ? error.message : undefined);
  }
  const answer = (await response.json().catch(() => ({}))) as { success?: boolean; error?: unknown; errorType?: unknown };
  if (response.ok && answer.success === true) return answer;
  const words = typeof answer.error === 'string' ? answer.error.slice(0, 300) : undefined;
  if (answer.errorType === 'error-file-too-large') throw rcError('file-too-large', words);
  if (answer.errorType === 'error-invalid-file-type') throw rcError('file-type-refused', words);
  if (response.status === 401 || response.status === 403) throw rcError('not-allowed', words);
  if (words && /read.?only/i.test(words)) throw rcError('room-read-only', words);
  if (words && /archived/i.test(words)) throw rcError('room-archived', words);
  if (words && /muted/i.test(words)) throw rcError('muted', words);
  throw rcError('not-allowed', words);
}

/** multipart/form-data with one `file` part, streamed: the window's bytes are counted as the server takes them. */
function multipart(source: UploadSource, fields: Record<string, string>): Body {
  const boundary = `----otrdesk${randomBytes(12).toString('hex')}`;
  const encoder = new TextEncoder();
  const safeName = source.name.replace(/["\r\n\\]/g, '_');
  const head = encoder.encode(
    Object.entries(fields).map(([key, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${key}"\r\n\r\n${value}\r\n`).join('')
    + `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${safeName}"\r\n`
    + `Content-Type: ${source.type || 'application/octet-stream'}\r\n\r\n`,
  );
  const tail = encoder.encode(`\r\n--${boundary}--\r\n`);
  const reader = source.body.getReader();
  let stage: 'head' | 'body' | 'done' = 'head';
  let sent = 0;
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (stage === 'head') {
        stage = 'body';
        controller.enqueue(head);
        return;
      }
      if (stage === 'done') return;
      const { done, value } = await reader.read();
      if (done) {
        stage = 'done';
        controller.enqueue(tail);
        controller.close();
        return;
      }
      sent += value.byteLength;
      source.onProgress(sent);
      controller.enqueue(value);
    },
    cancel: (reason) => reader.cancel(reason),
  });
  return { body: stream, type: `multipart/form-data; boundary=${boundary}` };
}
