import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { totpCode } from '../../server/index.js';
import { codeOf, liveScope, signIn } from './live-helpers.js';

const TOTP_SECRET = 'JBSWY3DPEHPK3PXP';
const live = liveScope();
const tracked = live.tracked;

describe('signing in against the local server', () => {
  it('signs in by username or e-mail, stores the token, and a new client resumes from it', async () => {
    const server = await live.start();
    const { client, secrets } = tracked();
    const outcome = await signIn(client, server, 'alice');
    expect(outcome.kind === 'signed-in' && outcome.session.me?.username).toBe('alice');
    expect(client.state()).toEqual({ kind: 'online' });
    expect([...secrets.data.values()].join()).not.toContain('demo"');

    const byMail = tracked();
    const mailOutcome = await signIn(byMail.client, server, 'bob@localhost');
    expect(mailOutcome.kind === 'signed-in' && mailOutcome.session.me?.username).toBe('bob');

    await client.dispose();
    const { createRocketChatClient } = await import('../../src/main/rocketchat/client.js');
    const again = createRocketChatClient({ secrets, options: { backoff: { baseMs: 40, capMs: 400 } } });
    live.defer(() => again.dispose());
    const resumed = await again.resume();
    expect(resumed?.kind === 'signed-in' && resumed.session.me?.username).toBe('alice');
    expect(again.state()).toEqual({ kind: 'online' });
    await again.logout();
    // The token is gone; only the server's address stays, for the sign-in form.
    expect([...secrets.data.keys()]).toEqual(['rocketchat.last-server']);
    expect(again.state()).toEqual({ kind: 'signed-out' });
    expect(await again.resume()).toBeNull();
  });

  it('says wrong-credentials for a wrong password and for an unknown user alike', async () => {
    const server = await live.start();
    const { client } = tracked();
    expect(await codeOf(client.login({ serverUrl: server.url, user: 'alice', password: 'nope' }))).toBe('wrong-credentials');
    expect(await codeOf(client.login({ serverUrl: server.url, user: 'nobody', password: 'demo' }))).toBe('wrong-credentials');
    expect(client.state()).toEqual({ kind: 'signed-out' });
  });

  it('asks for a TOTP code when the account has 2FA, refuses a wrong one and accepts the right one', async () => {
    const server = await live.start();
    server.createUser({ username: 'dave', password: 'pw-dave', totpSecret: TOTP_SECRET });
    const { client } = tracked();
    expect(await client.login({ serverUrl: server.url, user: 'dave', password: 'pw-dave' })).toEqual({ kind: 'totp-required', method: 'totp' });
    const wrong = String((Number(totpCode(TOTP_SECRET)) + 1) % 1_000_000).padStart(6, '0');
    expect(await codeOf(client.submitTotp(wrong))).toBe('totp-invalid');
    const outcome = await client.submitTotp(totpCode(TOTP_SECRET));
    expect(outcome.kind === 'signed-in' && outcome.session.me?.username).toBe('dave');
  });

  it('signs in with a personal access token, and refuses a token of someone else', async () => {
    const server = await live.start();
    const token = server.createPersonalAccessToken('carol');
    const carol = server.users().find((u) => u.username === 'carol')!;
    const bob = server.users().find((u) => u.username === 'bob')!;
    const { client } = tracked();
    expect(await codeOf(client.loginWithToken({ serverUrl: server.url, userId: bob._id, token }))).toBe('wrong-credentials');
    expect(await codeOf(client.loginWithToken({ serverUrl: server.url, userId: carol._id, token: 'forged' }))).toBe('wrong-credentials');
    const outcome = await client.loginWithToken({ serverUrl: server.url, userId: carol._id, token });
    expect(outcome.kind === 'signed-in' && outcome.session.me?.username).toBe('carol');
    // Signing out forgets the PAT here and leaves it on the server (DDP logout would delete it there).
    await client.logout();
    expect(client.state()).toEqual({ kind: 'signed-out' });
    const me = await fetch(`${server.url}/api/v1/me`, { headers: { 'X-User-Id': carol._id, 'X-Auth-Token': token } });
    expect(me.status).toBe(200);
  });

  it('says server-unreachable when nothing listens, not-rocketchat for another web server, invalid-url for nonsense', async () => {
    const server = await live.start();
    const url = server.url;
    await server.close();
    const { client } = tracked();
    expect(await codeOf(client.login({ serverUrl: url, user: 'alice', password: 'demo' }))).toBe('server-unreachable');
    expect(await codeOf(client.checkServer('http://chat example'))).toBe('invalid-url');

    const web = http.createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<html>hello</html>'));
    await new Promise<void>((resolve) => web.listen(0, '127.0.0.1', resolve));
    live.defer(() => new Promise((resolve) => web.close(resolve)));
    const port = (web.address() as AddressInfo).port;
    expect(await codeOf(client.checkServer(`http://127.0.0.1:${port}`))).toBe('not-rocketchat');
  });

  it('refuses servers older than 3.0 with unsupported-version and reports the version of newer ones', async () => {
    const old = await live.start({ version: '2.4.1' });
    const { client } = tracked();
    expect(await codeOf(client.checkServer(old.url))).toBe('unsupported-version');
    await old.close();
    const server = await live.start({ version: '7.10.0' });
    // Anonymous /api/info gives major.minor only, as real servers do.
    expect(await client.checkServer(`${server.url}/home`)).toEqual({ url: server.url, version: '7.10' });
  });

  it("says rate-limited, not 'not Rocket.Chat', when the server's REST limiter answers 429", async () => {
    const server = await live.start();
    const { client } = tracked();
    // The API limiter's default: 10 calls of a route per minute from one address.
    for (let i = 0; i < 10; i++) await client.checkServer(server.url);
    const refused = await client.checkServer(server.url).catch((e: { info: { code: string; retryAt?: number } }) => e.info);
    expect(refused).toMatchObject({ code: 'rate-limited', retryAt: expect.any(Number) });
  });
});
