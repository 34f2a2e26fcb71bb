// `--tls DIR`: the server plays a company behind its own certificate authority. The test CA is made once in DIR
// (kept, so a client that trusts it keeps trusting it across restarts); the server certificate it signs can be
// re-issued while the server runs, to play "the certificate changed". Debian's `openssl` makes the X.509 files:
// node:crypto reads certificates but cannot create them.
import { execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface TlsMaterial {
  key: string;
  cert: string;
}

export interface TestCa {
  /** The CA certificate (PEM) a client can trust, e.g. with NODE_EXTRA_CA_CERTS. */
  readonly caFile: string;
  /** SHA-256 of the CA certificate, colon-separated hex (as `openssl x509 -fingerprint -sha256` prints it). */
  readonly caFingerprint: string;
  /** The server certificate in use now. */
  current(): TlsMaterial;
  /** Signs a new key and certificate for the server (same CA, different fingerprint) and returns it. */
  reissue(): TlsMaterial;
}

function openssl(args: string[], cwd: string): void {
  execFileSync('openssl', args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
}

export function fingerprintOf(pem: string): string {
  return new X509Certificate(pem).fingerprint256;
}

/** Creates (or reuses) the CA in `dir` and the server certificate for 127.0.0.1 / localhost. */
export function openTestCa(dir: string): TestCa {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const caFile = join(dir, 'ca.crt');
  const newCa = !existsSync(caFile) || !existsSync(join(dir, 'ca.key'));
  if (newCa) {
    openssl(['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', 'ca.key',
      '-out', 'ca.crt', '-days', '3650', '-subj', '/O=OTR Desk tests/CN=OTR Desk test CA',
      '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign'], dir);
  }
  const read = (): TlsMaterial => ({ key: readFileSync(join(dir, 'server.key'), 'utf8'), cert: readFileSync(join(dir, 'server.crt'), 'utf8') });
  const reissue = (): TlsMaterial => {
    writeFileSync(join(dir, 'server.ext'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n');
    openssl(['req', '-new', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', 'server.key',
      '-out', 'server.csr', '-subj', '/CN=127.0.0.1'], dir);
    openssl(['x509', '-req', '-in', 'server.csr', '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial', '-days', '825',
      '-out', 'server.crt', '-extfile', 'server.ext'], dir);
    return read();
  };
  if (newCa || !existsSync(join(dir, 'server.crt')) || !existsSync(join(dir, 'server.key'))) reissue();
  return { caFile, caFingerprint: fingerprintOf(readFileSync(caFile, 'utf8')), current: read, reissue };
}
