import type { IncomingMessage } from 'node:http';

export interface MultipartForm {
  fields: Record<string, string>;
  file?: { field: string; name: string; type: string; bytes: Buffer };
}

/** The body would pass `limit` bytes (Rocket.Chat's busboy `fileSize` limit answers error-file-too-large). */
export class TooLarge extends Error {}

/** Reads a multipart/form-data body of at most `limit` bytes (plus room for the form's own framing). */
export async function readMultipart(req: IncomingMessage, limit: number): Promise<MultipartForm> {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(req.headers['content-type'] ?? '');
  const mark = boundary?.[1] ?? boundary?.[2];
  if (!mark) throw new SyntaxError('Expected multipart/form-data');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit + 64 * 1024) throw new TooLarge();
    chunks.push(chunk as Buffer);
  }
  const body = Buffer.concat(chunks);
  const form: MultipartForm = { fields: {} };
  const delimiter = Buffer.from(`--${mark}`);
  let start = body.indexOf(delimiter);
  while (start >= 0) {
    const next = body.indexOf(delimiter, start + delimiter.length);
    if (next < 0) break;
    const part = body.subarray(start + delimiter.length + 2, next - 2);
    const split = part.indexOf('\r\n\r\n');
    if (split >= 0) addPart(form, part.subarray(0, split).toString('utf8'), part.subarray(split + 4), limit);
    start = next;
  }
  return form;
}

function addPart(form: MultipartForm, head: string, content: Buffer, limit: number): void {
  const disposition = /content-disposition:[^\r\n]*/i.exec(head)?.[0] ?? '';
  const field = /\bname="([^"]*)"/i.exec(disposition)?.[1];
  if (field === undefined) return;
  const filename = /\bfilename="([^"]*)"/i.exec(disposition)?.[1];
  if (filename === undefined) {
    form.fields[field] = content.toString('utf8');
    return;
  }
  if (content.length > limit) throw new TooLarge();
  const type = /content-type:\s*([^\r\n]+)/i.exec(head)?.[1]?.trim() ?? 'application/octet-stream';
  form.file ??= { field, name: filename, type, bytes: Buffer.from(content) };
}
