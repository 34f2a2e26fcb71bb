// Chromium's ways of saying things, turned into ours: a PAC-style proxy answer (`session.resolveProxy`) and its
// certificate fingerprints ("sha256/<base64>"). Pure, so the Electron glue stays thin and this stays tested.

/**
 * "PROXY host:port; DIRECT" → the first HTTP(S) proxy as a URL, or undefined for DIRECT. SOCKS entries are
 * skipped: the core tunnels through HTTP proxies only (docs/KNOWN_ISSUES.md).
 */
export function proxyFromPacResult(answer: string): string | undefined {
  for (const entry of answer.split(';')) {
    const [kind = '', hostPort] = entry.trim().split(/\s+/, 2);
    const type = kind.toUpperCase();
    if (type === 'DIRECT') return undefined;
    if ((type === 'PROXY' || type === 'HTTP') && hostPort) return `http://${hostPort}`;
  }
  return undefined;
}

/** Our SHA-256 (colon-separated hex, as Node prints it) in Electron's Certificate.fingerprint form. */
export function chromiumFingerprint(colonHex: string): string {
  return `sha256/${Buffer.from(colonHex.replace(/:/g, ''), 'hex').toString('base64')}`;
}
