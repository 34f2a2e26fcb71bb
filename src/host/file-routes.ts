// The file gate's paths (/__files/…, /__upload/…) over the host's Node HTTP server: Node request in, web
// Response out, so the gate is the same code Electron's app:// handler calls.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { FileGate } from '../main/files/file-gate.js';

export function isFileRoute(req: IncomingMessage, origin: string): boolean {
  return FileGate.handles(new URL(req.url ?? '/', origin).pathname);
}

export async function serveFileRoute(gate: FileGate, req: IncomingMessage, res: ServerResponse, origin: string): Promise<void> {
  const method = req.method ?? 'GET';
  const body = method === 'POST' ? (Readable.toWeb(req) as ReadableStream<Uint8Array>) : undefined;
  const request = new Request(new URL(req.url ?? '/', origin), { method, ...(body ? { body, duplex: 'half' } : {}) } as RequestInit);
  const response = await gate.serve(request);
  res.writeHead(response.status, Object.fromEntries(response.headers));
  if (!response.body) {
    res.end();
    return;
  }
  Readable.fromWeb(response.body as NodeReadableStream<Uint8Array>).on('error', () => res.destroy()).pipe(res);
}
