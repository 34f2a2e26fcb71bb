// `fetch` for the core's REST calls, over our agents (proxy + certificate trust). Node's global fetch (undici)
// takes no http.Agent, so this is the small part of fetch the core uses: method, headers, a string body or a
// stream (uploads, sent chunked), a signal and following redirects (`redirect: 'error'` refuses them, so a file
// request never carries the user's token elsewhere); the answer is a standard Response.
import { request as httpRequest, type Agent, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';

export interface AgentPair {
  http: Agent;
  https: Agent;
}

const MAX_REDIRECTS = 5;

function headersOf(init: RequestInit | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  new Headers(init?.headers).forEach((value, key) => {
    out[key] = value;
  });
  return out;
}

function send(url: URL, init: RequestInit | undefined, agents: AgentPair): Promise<IncomingMessage> {
  const secure = url.protocol === 'https:';
  const body = typeof init?.body === 'string' ? init.body : undefined;
  const stream = init?.body instanceof ReadableStream ? init.body : undefined;
  if (init?.body !== undefined && init.body !== null && body === undefined && !stream) throw new TypeError('only string or stream bodies are supported');
  return new Promise((resolve, reject) => {
    const req = (secure ? httpsRequest : httpRequest)(url, {
      method: init?.method ?? 'GET',
      headers: { ...headersOf(init), ...(body !== undefined ? { 'content-length': String(Buffer.byteLength(body)) } : {}) },
      agent: secure ? agents.https : agents.http,
      ...(init?.signal ? { signal: init.signal } : {}),
    }, resolve);
    req.once('error', (error) => reject(init?.signal?.aborted ? (init.signal.reason as Error) : error));
    if (stream) Readable.fromWeb(stream as NodeReadableStream<Uint8Array>).on('error', (error) => req.destroy(error)).pipe(req);
    else req.end(body);
  });
}

async function readAll(response: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of response) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export function fetchOver(agents: AgentPair): typeof fetch {
  const run = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    let url = new URL(input instanceof Request ? input.url : input.toString());
    for (let hop = 0; ; hop += 1) {
      const response = await send(url, init, agents);
      const status = response.statusCode ?? 0;
      const location = response.headers.location;
      const redirect = status >= 300 && status < 400 && location !== undefined;
      // A stream cannot be sent twice; 'error' is fetch's own refusal of any redirect.
      if (redirect && (init?.redirect === 'error' || init?.body instanceof ReadableStream)) {
        response.resume();
        throw new TypeError('redirect refused');
      }
      if (redirect && init?.redirect !== 'manual' && hop < MAX_REDIRECTS) {
        response.resume();
        url = new URL(location, url);
        continue;
      }
      const body = await readAll(response);
      const headers = new Headers();
      for (const [name, value] of Object.entries(response.headers)) {
        if (Array.isArray(value)) for (const v of value) headers.append(name, v);
        else if (value !== undefined) headers.set(name, value);
      }
      const empty = status === 204 || status === 304 || (status >= 100 && status < 200);
      return new Response(empty ? null : body, { status, statusText: response.statusMessage ?? '', headers });
    }
  };
  return run as typeof fetch;
}
