// What the Electron glue reads from Chromium: the PAC answer of session.resolveProxy, and certificate fingerprints.
import { createHash, X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openTestCa } from '../../server/tls.js';
import { chromiumFingerprint, proxyFromPacResult } from '../../src/main/net/chromium-formats.js';

describe('Chromium formats', () => {
  it('takes the first HTTP proxy of a PAC answer, and DIRECT as no proxy', () => {
    expect(proxyFromPacResult('PROXY proxy.corp:3128; DIRECT')).toBe('http://proxy.corp:3128');
    expect(proxyFromPacResult('SOCKS5 socks.corp:1080; PROXY backup.corp:8080')).toBe('http://backup.corp:8080');
    expect(proxyFromPacResult('DIRECT')).toBeUndefined();
    expect(proxyFromPacResult('DIRECT; PROXY proxy.corp:3128')).toBeUndefined();
    expect(proxyFromPacResult('')).toBeUndefined();
  });

  it("writes Node's SHA-256 the way Electron's Certificate.fingerprint does (sha256/<base64 of the DER hash>)", () => {
    const dir = mkdtempSync(join(tmpdir(), 'otr-desk-fp-'));
    try {
      const pem = readFileSync(openTestCa(dir).caFile, 'utf8');
      const cert = new X509Certificate(pem);
      expect(chromiumFingerprint(cert.fingerprint256)).toBe(`sha256/${createHash('sha256').update(cert.raw).digest('base64')}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
