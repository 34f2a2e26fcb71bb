import type { ServerResponse } from 'node:http';

/** A JSON answer, as Rocket.Chat's REST API gives them. */
export function reply(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}
