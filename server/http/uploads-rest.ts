import type { IncomingMessage, ServerResponse } from 'node:http';

import type { ServerContext } from '../context.js';
import { MeteorError } from '../ddp/errors.js';
import { canAccessRoom } from '../services/access.js';
import { sendRefusal } from '../services/messages.js';
import { fileUrl, sendFileMessage, type UploadRecord } from '../services/uploads.js';
import type { UserRecord } from '../store/types.js';
import { messageView } from '../store/views.js';
import { MEDIA_TYPE_BLACKLIST } from '../methods/settings.js';
import { majorOf } from '../versions.js';
import { readMultipart, TooLarge } from './multipart.js';
import { reply } from './reply.js';

/**
 * Uploads as Rocket.Chat has them: `rooms.upload/:rid` (one step; removed in 7.0) and, from 6.x on,
 * `rooms.media/:rid` (store the file) + `rooms.mediaConfirm/:rid/:fileId` (send it as a message).
 */
export function uploadRoute(ctx: ServerContext, method: string, path: string): 'upload' | 'media' | 'confirm' | undefined {
  if (method !== 'POST') return undefined;
  const major = majorOf(ctx.options.version);
  if (/^\/api\/v1\/rooms\.upload\/[^/]+$/.test(path) && major < 7) return 'upload';
  if (/^\/api\/v1\/rooms\.media\/[^/]+$/.test(path) && major >= 6) return 'media';
  if (/^\/api\/v1\/rooms\.mediaConfirm\/[^/]+\/[^/]+$/.test(path) && major >= 6) return 'confirm';
  return undefined;
}

export async function handleUpload(
  ctx: ServerContext, route: 'upload' | 'media' | 'confirm', path: string, user: UserRecord, req: IncomingMessage, res: ServerResponse,
  confirmBody: () => Promise<Record<string, unknown>>,
): Promise<void> {
  const [, , , , rid = '', fileId = ''] = path.split('/').map(decodeURIComponent);
  const room = ctx.state.rooms.get(rid);
  if (!room || !canAccessRoom(ctx.state, room, user._id) || !ctx.state.subscription(rid, user._id)) {
    reply(res, 403, { success: false, error: 'unauthorized' });
    return;
  }
  try {
    if (route === 'confirm') {
      const upload = ctx.uploads.get(fileId);
      if (upload?.rid !== rid || upload.userId !== user._id) throw new MeteorError('invalid-file', 'Invalid file');
      const body = await confirmBody();
      const message = send(ctx, user, upload, body);
      reply(res, 200, { message: messageView(message), success: true });
      return;
    }
    const form = await readMultipart(req, ctx.options.maxFileSize);
    if (!form.file) throw new MeteorError('invalid-field', '[No file uploaded]');
    if (form.file.bytes.length === 0) throw new MeteorError('error-file-empty', 'File is empty');
    // FileUpload.validateFileUpload: the media type blacklist (default image/svg+xml) before anything is stored.
    if (!acceptedType(form.file.type)) throw new MeteorError('error-invalid-file-type', 'File type is not accepted');
    const upload = ctx.uploads.add(room, user, form.file, ctx.state.now());
    if (route === 'media') {
      reply(res, 200, { file: { _id: upload._id, url: fileUrl(upload) }, success: true });
      return;
    }
    reply(res, 200, { message: messageView(send(ctx, user, upload, form.fields)), success: true });
  } catch (err) {
    if (err instanceof TooLarge) {
      reply(res, 400, { success: false, errorType: 'error-file-too-large', error: 'File size exceeds allowed size [error-file-too-large]' });
      return;
    }
    // The client gave up (Cancel): nobody is left to answer.
    if (err instanceof Error && err.message === 'aborted') {
      res.destroy();
      return;
    }
    if (!(err instanceof MeteorError)) throw err;
    reply(res, 400, { success: false, errorType: err.error, error: err.reason ?? err.message });
  }
}

/** Rocket.Chat's fileUploadIsValidContentType with the default lists: no whitelist, the blacklist ('type/*' too). */
function acceptedType(type: string): boolean {
  const listed = MEDIA_TYPE_BLACKLIST.split(',').map((entry) => entry.trim()).filter(Boolean);
  const [kind] = type.split('/');
  return !listed.some((entry) => entry === type || entry === `${kind}/*`);
}

/** The send checks of canSendMessage answer in words here (REST throws where the DDP method notifies). */
function send(ctx: ServerContext, user: UserRecord, upload: UploadRecord, body: Record<string, unknown>) {
  const room = ctx.state.rooms.get(upload.rid);
  const refusal = room ? sendRefusal(room, user) : 'Invalid room';
  if (refusal) throw new MeteorError('error-not-allowed', refusal);
  const text = (key: string): string | undefined => (typeof body[key] === 'string' ? body[key] : undefined);
  const extra: { msg?: string; description?: string; tmid?: string } = {};
  for (const key of ['msg', 'description', 'tmid'] as const) {
    const value = text(key);
    if (value !== undefined) extra[key] = value;
  }
  // rooms.upload and rooms.mediaConfirm refuse a description longer than Message_MaxAllowedSize.
  if ((extra.description?.length ?? 0) > ctx.options.maxMessageSize) {
    throw new MeteorError('error-message-size-exceeded', 'Message size exceeds Message_MaxAllowedSize');
  }
  return sendFileMessage(ctx, user, upload, extra);
}
