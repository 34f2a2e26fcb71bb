// Company certificates (issue 16): against the local server with --tls, the client refuses a certificate nobody
// vouches for and reports it (host, SHA-256, issuer) so the user is asked; a pin trusts exactly that certificate
// for that host, across reconnects; a re-issued certificate and a revoked pin are asked about again; with the
// test CA in NODE_EXTRA_CA_CERTS nothing is asked at all.
import { execFile } from 'node:child_process';
import { readFile, stat } from 'node:fs/promises';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { CertificateProblem } from '../../src/contract/model.js';
import { CertificatePins } from '../../src/main/net/certificate-pins.js';
import { createNetwork, type Network } from '../../src/main/net/network.js';
import { codeOf, liveScope, until } from '../rocketchat/live-helpers.js';

const live = liveScope();

async function tlsWorld() {
  const dir = await live.tempDir();
  const server = await live.start({ tlsDir: `${dir}/ca` });
  const tls = server.tls;
  if (!tls) throw new Error('the server runs without TLS');
  const network = createNetwork({ pins: await CertificatePins.open(`${dir}/profile`), proxyFor: () => Promise.resolve(undefined) });
  return { server, tls, network, profile: `${dir}/profile`, host: new URL(server.url).host };
}

function clientOn(network: Network) {
  const problems: CertificateProblem[] = [];
  const net = network.forAccount((problem) => problems.push(problem));
  const made = live.tracked({ fetch: net.fetch, probeFetch: net.quietFetch, openSocket: net.openSocket });
  return { ...made, problems };
}

describe('TLS with a company CA the system does not know', () => {
  it('asks about an unknown certificate, trusts it once pinned (also after a reconnect), and asks again when it changes or the pin is revoked', async () => {
    const { server, tls, network, profile, host } = await tlsWorld();
    const login = { serverUrl: server.url, user: 'alice', password: 'demo' };

    const first = clientOn(network);
    // The sign-in screen's look at the server (when the address is typed) does not ask: it fails quietly, and the
    // dialog comes with signing in (asking there too opened the dialog over the form the user was filling in).
    expect(await first.client.loginOptions(server.url).then(() => 'read', (error: unknown) => (error as { code?: string }).code)).toBe('certificate-untrusted');
    expect(first.problems).toEqual([]);
    expect(await codeOf(first.client.login(login))).toBe('certificate-untrusted');
    expect(first.problems).toEqual([{ host, fingerprint: tls.certificateFingerprint(), issuer: 'OTR Desk test CA, OTR Desk tests', changed: false }]);

    await network.pins.pin({ host, fingerprint: tls.certificateFingerprint(), issuer: 'OTR Desk test CA, OTR Desk tests' });
    const outcome = await first.client.login(login);
    expect(outcome.kind).toBe('signed-in');
    expect(first.client.state()).toEqual({ kind: 'online' });
    server.faults.dropAllSockets();
    await until(() => first.states.filter((s) => s.kind === 'online').length >= 2, 'online again');
    expect(first.problems).toHaveLength(1);
    // The pin is stored like the other settings: in the profile, mode 0600.
    const reopened = await CertificatePins.open(profile);
    expect(reopened.fingerprintFor(host)).toBe(tls.certificateFingerprint());
    expect((await stat(`${profile}/certificates.json`)).mode & 0o777).toBe(0o600);

    const changed = tls.reissueCertificate();
    const second = clientOn(network);
    expect(await codeOf(second.client.login(login))).toBe('certificate-untrusted');
    expect(second.problems).toEqual([expect.objectContaining({ host, fingerprint: changed, changed: true })]);

    await network.pins.revoke(host);
    const third = clientOn(network);
    expect(await codeOf(third.client.login(login))).toBe('certificate-untrusted');
    expect(third.problems).toEqual([expect.objectContaining({ fingerprint: changed, changed: false })]);
  });

  it('a pinned certificate that changes while signed in is reported by the reconnecting socket', async () => {
    const { server, tls, network, host } = await tlsWorld();
    await network.pins.pin({ host, fingerprint: tls.certificateFingerprint(), issuer: 'OTR Desk test CA' });
    const alice = clientOn(network);
    expect((await alice.client.login({ serverUrl: server.url, user: 'alice', password: 'demo' })).kind).toBe('signed-in');
    const changed = tls.reissueCertificate();
    server.faults.dropAllSockets();
    await until(() => alice.problems.some((p) => p.fingerprint === changed && p.changed), 'the changed certificate reported');
    expect(alice.client.state().kind).not.toBe('online');
  });

  it('with the CA in NODE_EXTRA_CA_CERTS the connection is trusted without asking', async () => {
    const { server, tls } = await tlsWorld();
    const script = `
      import { CertificatePins } from './src/main/net/certificate-pins.ts';
      import { createNetwork } from './src/main/net/network.ts';
      import { mkdtempSync } from 'node:fs';
      import { tmpdir } from 'node:os';
      import { join } from 'node:path';
      const pins = await CertificatePins.open(mkdtempSync(join(tmpdir(), 'otr-desk-ca-')));
      const problems = [];
      const net = createNetwork({ pins, proxyFor: async () => undefined }).forAccount((p) => problems.push(p));
      const response = await net.fetch(process.argv[1] + '/api/info');
      console.log(JSON.stringify({ status: response.status, problems }));`;
    const run = (env: NodeJS.ProcessEnv) => promisify(execFile)(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script, server.url], { env });
    const trusted = await run({ ...process.env, NODE_EXTRA_CA_CERTS: tls.caFile });
    expect(JSON.parse(trusted.stdout.trim())).toEqual({ status: 200, problems: [] });
    await expect(run({ ...process.env, NODE_EXTRA_CA_CERTS: '' })).rejects.toThrow(/not trusted/);
    expect((await readFile(tls.caFile, 'utf8')).startsWith('-----BEGIN CERTIFICATE-----')).toBe(true);
  });
});
