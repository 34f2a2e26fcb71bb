import type { ServerContext } from '../context.js';
import { MeteorError } from '../ddp/errors.js';
import type { FileRef, MessageRecord, RoomRecord, UserRecord } from '../store/types.js';
import { randomId } from '../util/ids.js';
import { sendMessage, type FileFields } from './messages.js';

/** A stored upload (Rocket.Chat's `Uploads` collection, with the bytes kept in memory). */
export interface UploadRecord {
  _id: string;
  rid: string;
  userId: string;
  name: string;
  type: string;
  size: number;
  bytes: Buffer;
  uploadedAt: Date;
  /** Width and height of a PNG (what `identify` gives Rocket.Chat for images). */
  dimensions?: { width: number; height: number };
}

/** The uploads of one server run (not in the data file: see server/README.md). */
export class Uploads {
  private readonly byId = new Map<string, UploadRecord>();

  add(room: RoomRecord, user: UserRecord, file: { name: string; type: string; bytes: Buffer }, now: Date): UploadRecord {
    const upload: UploadRecord = {
      _id: randomId(), rid: room._id, userId: user._id, name: file.name, type: file.type, size: file.bytes.length,
      bytes: file.bytes, uploadedAt: now,
    };
    const dimensions = pngDimensions(file.bytes);
    if (dimensions) upload.dimensions = dimensions;
    this.byId.set(upload._id, upload);
    return upload;
  }

  get(id: string): UploadRecord | undefined {
    return this.byId.get(id);
  }
}

/** `/file-upload/<id>/<name>`, as Rocket.Chat's FileUpload.getPath builds it. */
export function fileUrl(upload: UploadRecord): string {
  return `/file-upload/${upload._id}/${encodeURI(upload.name)}`;
}

/** Rocket.Chat's parseFileIntoMessageAttachments: `file`, `files` and one `attachments` entry, `msg` usually ''. */
export function fileFields(upload: UploadRecord, description?: string): FileFields {
  const url = fileUrl(upload);
  const format = upload.name.includes('.') ? (upload.name.split('.').pop() ?? '').toUpperCase() : '';
  const ref: FileRef = { _id: upload._id, name: upload.name, type: upload.type, size: upload.size, format };
  const attachment: Record<string, unknown> = {
    ts: upload.uploadedAt, title: upload.name, type: 'file', title_link: url, title_link_download: true,
    ...(description ? { description } : {}),
  };
  if (upload.type.startsWith('image/')) {
    Object.assign(attachment, { image_url: url, image_type: upload.type, image_size: upload.size });
    if (upload.dimensions) attachment.image_dimensions = upload.dimensions;
  } else {
    Object.assign(attachment, { format, size: upload.size });
  }
  return { file: ref, files: [ref], attachments: [attachment] };
}

/** Turns an upload into a message (rooms.upload, rooms.mediaConfirm): the same checks as any send. */
export function sendFileMessage(
  ctx: ServerContext, user: UserRecord, upload: UploadRecord, extra: { msg?: string; description?: string; tmid?: string },
): MessageRecord {
  const stored = sendMessage(ctx, user, {
    rid: upload.rid, msg: extra.msg ?? '', groupable: false, ...(extra.tmid ? { tmid: extra.tmid } : {}),
  }, fileFields(upload, extra.description));
  if (!stored || !('_id' in stored) || !stored._id) throw new MeteorError('error-file-not-sent', 'The file could not be sent');
  return stored as MessageRecord;
}

/** A PNG's IHDR width and height; undefined for anything else. */
function pngDimensions(bytes: Buffer): { width: number; height: number } | undefined {
  const signature = '89504e470d0a1a0a';
  if (bytes.length < 24 || bytes.subarray(0, 8).toString('hex') !== signature) return undefined;
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}
