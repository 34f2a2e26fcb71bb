// Thin glue between Chromium's network settings and the core's connections (src/main/net). The core runs in Node,
// so Chromium does not carry its traffic; it is asked instead: which proxy the system (or its PAC script) names
// for the server, and whether the OS trust store accepts a certificate Node's own store does not know. Chromium's
// own loads obey the same certificate pins as the core.
import { app, session, type Session } from 'electron';
import { chromiumFingerprint, proxyFromPacResult } from '../net/chromium-formats.js';
import type { CertificatePins } from '../net/certificate-pins.js';
import type { NetworkOptions } from '../net/network.js';

const PROBE_PARTITION = 'otrdesk-certificate-probe';

/** The system's proxy and certificate verdicts for the core. Call once the app is ready. */
export function systemNetwork(): Omit<NetworkOptions, 'pins'> {
  // A separate session whose only job is to ask Chromium (the OS trust store) about a server's certificate.
  const probe: Session = session.fromPartition(PROBE_PARTITION);
  const verdicts = new Map<string, boolean>();
  probe.setCertificateVerifyProc((request, callback) => {
    verdicts.set(`${request.hostname} ${request.certificate.fingerprint}`, request.verificationResult === 'net::OK');
    callback(-3); // Chromium's own verdict
  });
  return {
    proxyFor: async (url) => proxyFromPacResult(await session.defaultSession.resolveProxy(url)),
    systemTrusts: async (host, fingerprint) => {
      const key = `${new URL(`https://${host}`).hostname} ${chromiumFingerprint(fingerprint)}`;
      // Once Chromium said yes to this exact certificate, every later connection is spared the question.
      if (verdicts.get(key) === true) return true;
      try {
        await probe.fetch(`https://${host}/api/info`, { method: 'HEAD' });
      } catch {
        // Refused or unreachable: the verdict recorded (if any) says which.
      }
      return verdicts.get(key) === true;
    },
  };
}

/** Chromium's own loads (not the core's): a certificate error is waved through only for the pinned certificate. */
export function obeyCertificatePins(pins: CertificatePins): void {
  app.on('certificate-error', (event, _contents, url, _error, certificate, callback) => {
    const pinned = pins.fingerprintFor(new URL(url).host);
    const trusted = pinned !== undefined && chromiumFingerprint(pinned) === certificate.fingerprint;
    if (trusted) event.preventDefault();
    callback(trusted);
  });
}
