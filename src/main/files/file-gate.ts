// One-time addresses on the app's own origin for file bytes, so the window never holds the server token and the
// CSP needs nothing beyond 'self': GET /__files/<capability> streams a file main fetched with the user's
// credentials; POST /__upload/<capability> takes the bytes of one upload. Electron's app:// handler and the
// browser host's HTTP server both answer these paths through `serve`. Capabilities are 256 random bits, issued
// only to our own window, and expire.
import { randomBytes } from 'node:crypto';

/** What the window may fetch: a picture to show inline, or a file to download. */
interface FileEntry {
  kind: 'files';
  open(): Promise<Response>;
  download?: string;
  expiresAt: number;
}

interface UploadEntry {
  kind: 'upload';
  accept(body: ReadableStream<Uint8Array>): Promise<void>;
  expiresAt: number;
}

const PICTURE_TTL_MS = 10 * 60_000;
const DOWNLOAD_TTL_MS = 60_000;
const UPLOAD_TTL_MS = 60_000;
const PATH = /^\/__(files|upload)\/([0-9a-f]{64})$/;

export class FileGate {
  private readonly entries = new Map<string, FileEntry | UploadEntry>();

  constructor(private readonly now: () => number = Date.now) {}

  /** A picture: `open` must answer an image; usable for a while (the window may draw it again). */
  picture(open: () => Promise<Response>): string {
    return `/__files/${this.add({ kind: 'files', open, expiresAt: this.now() + PICTURE_TTL_MS })}`;
  }

  /** A file to save (browser host): once, as an attachment named `name`. */
  download(name: string, open: () => Promise<Response>): string {
    return `/__files/${this.add({ kind: 'files', open, download: name, expiresAt: this.now() + DOWNLOAD_TTL_MS })}`;
  }

  /** Where the window POSTs one upload's bytes (once). */
  upload(accept: (body: ReadableStream<Uint8Array>) => Promise<void>): string {
    return `/__upload/${this.add({ kind: 'upload', accept, expiresAt: this.now() + UPLOAD_TTL_MS })}`;
  }

  /** True for the paths this gate answers (the caller routes them here). */
  static handles(pathname: string): boolean {
    return PATH.test(pathname);
  }

  async serve(request: Request): Promise<Response> {
    const match = PATH.exec(new URL(request.url).pathname);
    const entry = match ? this.entries.get(match[2] ?? '') : undefined;
    if (!match || !entry || entry.expiresAt < this.now() || entry.kind !== match[1]) return bare(404);
    if (entry.kind === 'upload') {
      if (request.method !== 'POST' || !request.body) return bare(405);
      this.entries.delete(match[2] ?? '');
      try {
        await entry.accept(request.body);
        return bare(204);
      } catch {
        // The reason reaches the window as a 'files.progress' event; this answer only ends the request.
        return bare(409);
      }
    }
    if (request.method !== 'GET') return bare(405);
    if (entry.download !== undefined) this.entries.delete(match[2] ?? '');
    let upstream: Response;
    try {
      upstream = await entry.open();
    } catch {
      return bare(502);
    }
    const type = upstream.headers.get('content-type') ?? '';
    // Inline only pictures (never HTML or SVG from the server on our origin); everything else is a download.
    if (entry.download === undefined && (!/^image\/(png|jpe?g|gif|webp|bmp|avif)$/i.test(type))) return bare(415);
    const headers: Record<string, string> = {
      'content-type': entry.download === undefined ? type : 'application/octet-stream',
      'x-content-type-options': 'nosniff',
      'content-security-policy': "default-src 'none'",
      'cache-control': 'no-store',
    };
    if (entry.download !== undefined) headers['content-disposition'] = `attachment; filename*=UTF-8''${encodeURIComponent(entry.download)}`;
    return new Response(upstream.body, { status: 200, headers });
  }

  private add(entry: FileEntry | UploadEntry): string {
    const now = this.now();
    for (const [key, old] of this.entries) if (old.expiresAt < now) this.entries.delete(key);
    const capability = randomBytes(32).toString('hex');
    this.entries.set(capability, entry);
    return capability;
  }
}

function bare(status: number): Response {
  return new Response(null, { status, headers: { 'cache-control': 'no-store' } });
}
