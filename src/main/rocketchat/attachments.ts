// Server `attachments` entries → files we can show and quotes. Only uploads on the account's own server keep a path:
// main fetches nothing else with the user's credentials. Each entry is checked alone: a malformed one drops itself.
import { z } from 'zod';
import type { RcFile, RcMessage } from './types.js';

const FileEntry = z.object({
  title: z.string().max(1024).optional(),
  title_link: z.string().max(4096).optional(),
  image_url: z.string().max(4096).optional(),
  image_type: z.string().max(256).optional(),
  image_size: z.number().int().nonnegative().optional(),
  image_dimensions: z.object({ width: z.number().int().positive(), height: z.number().int().positive() }).partial().optional(),
  size: z.number().int().nonnegative().optional(),
  format: z.string().max(64).optional(),
  message_link: z.string().optional(),
}).loose();

const MAX_FILES = 20;

export function filesOf(attachments: readonly unknown[] | undefined): RcFile[] | undefined {
  const files: RcFile[] = [];
  for (const raw of attachments ?? []) {
    const parsed = FileEntry.safeParse(raw);
    if (!parsed.success || parsed.data.message_link !== undefined) continue;
    const entry = parsed.data;
    const path = uploadPath(entry.title_link) ?? uploadPath(entry.image_url);
    if (!path && entry.title === undefined) continue;
    const file: RcFile = { name: entry.title ?? decodeName(path), image: entry.image_url !== undefined };
    if (path) file.path = path;
    const type = entry.image_type;
    if (type) file.type = type;
    const size = entry.image_size ?? entry.size;
    if (size !== undefined) file.size = size;
    const { width, height } = entry.image_dimensions ?? {};
    if (width && height) Object.assign(file, { width, height });
    files.push(file);
    if (files.length === MAX_FILES) break;
  }
  return files.length > 0 ? files : undefined;
}

/** `/file-upload/<id>/<name>`, the only place credentials go; query and fragment dropped. */
function uploadPath(link: string | undefined): string | undefined {
  if (!link?.startsWith('/file-upload/')) return undefined;
  const path = link.split(/[?#]/)[0] ?? '';
  return /^\/file-upload\/[^/]+\/[^?#]+$/.test(path) && !path.includes('..') ? path : undefined;
}

function decodeName(path: string | undefined): string {
  const last = path?.split('/').pop() ?? 'file';
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}

const QuoteEntry = z.object({
  message_link: z.string(),
  author_name: z.string().optional(),
  text: z.string().optional(),
  md: z.array(z.unknown()).optional(),
}).loose();

/** Quotes: the entries with `message_link` (oembed's jumpToMessage). */
export function quotesOf(attachments: readonly unknown[] | undefined): RcMessage['quotes'] {
  const quotes = (attachments ?? []).flatMap((raw) => {
    const parsed = QuoteEntry.safeParse(raw);
    if (!parsed.success) return [];
    const { message_link: link, author_name: author, text, md } = parsed.data;
    return [{ link, author: author ?? '', text: text ?? '', ...(md ? { md } : {}) }];
  });
  return quotes.length > 0 ? quotes : undefined;
}
