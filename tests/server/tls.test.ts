// `--tls DIR`: the local server plays a company behind its own certificate authority.
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { get } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TLSSocket } from 'node:tls';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';

import { startServer, type LocalServer } from '../../server/index.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function tlsServer(dir?: string): Promise<{ server: LocalServer; dir: string }> {
  const folder = dir ?? (await mkdtemp(join(tmpdir(), 'otr-desk-tls-')));
  if (!dir) cleanups.push(() => rm(folder, { recursive: true, force: true }));
  const server = await startServer({ seed: 'demo', tlsDir: folder });
  cleanups.push(() => server.close());
  return { server, dir: folder };
}

/** GET over https; resolves the status and the SHA-256 of the certificate the server presented. */
function fetchInfo(url: string, ca?: string): Promise<{ status: number; fingerprint: string }> {
  return new Promise((resolve, reject) => {
    const request = get(`${url}/api/info`, { ...(ca ? { ca } : {}), agent: false }, (response) => {
      const cert = (response.socket as TLSSocket).getPeerCertificate();
      response.resume();
      resolve({ status: response.statusCode ?? 0, fingerprint: cert.fingerprint256 });
    });
    request.on('error', reject);
  });
}

describe('--tls', () => {
  it('serves https and wss with a certificate only its test CA vouches for', async () => {
    const { server } = await tlsServer();
    expect(server.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const tls = server.tls;
    if (!tls) throw new Error('no tls');
    const ca = readFileSync(tls.caFile, 'utf8');
    expect(new X509Certificate(ca).fingerprint256).toBe(tls.caFingerprint);
    await expect(fetchInfo(server.url)).rejects.toMatchObject({ code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' });
    expect(await fetchInfo(server.url, ca)).toEqual({ status: 200, fingerprint: tls.certificateFingerprint() });
    const ws = new WebSocket(`${server.url.replace(/^https/, 'wss')}/websocket`, { ca });
    const greeting = await new Promise<string>((resolve, reject) => {
      ws.once('message', (data: Buffer) => resolve(data.toString('utf8')));
      ws.once('error', reject);
    });
    ws.terminate();
    expect(JSON.parse(greeting)).toEqual({ server_id: '0' });
  });

  it('re-issues a different server certificate from the same CA, and keeps the CA across restarts', async () => {
    const { server, dir } = await tlsServer();
    const tls = server.tls;
    if (!tls) throw new Error('no tls');
    const ca = readFileSync(tls.caFile, 'utf8');
    const before = tls.certificateFingerprint();
    const after = tls.reissueCertificate();
    expect(after).not.toBe(before);
    expect((await fetchInfo(server.url, ca)).fingerprint).toBe(after);
    await server.close();
    const again = await tlsServer(dir);
    expect(again.server.tls?.caFingerprint).toBe(tls.caFingerprint);
    expect(again.server.tls?.certificateFingerprint()).toBe(after);
  });
});
