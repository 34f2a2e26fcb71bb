// Signing in the way real deployments need (issue 16): REST login first, then DDP resume; LDAP when the server
// says so; e-mail codes; microservice servers whose DDP only resumes; the DDP forms where REST cannot sign in.
import { describe, expect, it } from 'vitest';
import { codeOf, countingSockets, liveScope } from './live-helpers.js';

const live = liveScope();

describe('signing in to the deployments the local server models', () => {
  it('signs an LDAP user in, through the mailed code, when the server has LDAP_Enable (a plain password login is refused there)', async () => {
    const server = await live.start({ ldap: true });
    const { client } = live.tracked();
    // The directory's people have verified addresses, so Rocket.Chat's default e-mail 2FA asks for the code.
    expect(await client.login({ serverUrl: server.url, user: 'alice', password: 'demo' })).toEqual({ kind: 'totp-required', method: 'email' });
    const outcome = await client.submitTotp(server.lastEmailCode('alice') ?? '');
    expect(outcome.kind === 'signed-in' && outcome.session.me?.username).toBe('alice');
    expect(client.state()).toEqual({ kind: 'online' });
    const other = live.tracked();
    expect(await codeOf(other.client.login({ serverUrl: server.url, user: 'bob', password: 'wrong' }))).toBe('wrong-credentials');
  });

  it('finds LDAP_Enable on servers that ignore the old `query` parameter (7.0 and later), asking by `_id`', async () => {
    const server = await live.start({ ldap: true });
    // Since 7.0 `query` is ignored: such a request gets the first page of all public settings, here one without LDAP.
    const modern: typeof fetch = (input, init) => {
      const url = input instanceof Request ? input.url : String(input);
      return url.includes('/settings.public') && !url.includes('_id=')
        ? Promise.resolve(new Response(JSON.stringify({ settings: [{ _id: 'Site_Name', value: 'x' }], success: true })))
        : fetch(input, init);
    };
    const { client } = live.tracked({ fetch: modern });
    expect(await client.login({ serverUrl: server.url, user: 'alice', password: 'demo' })).toEqual({ kind: 'totp-required', method: 'email' });
    const outcome = await client.submitTotp(server.lastEmailCode('alice') ?? '');
    expect(outcome.kind === 'signed-in' && outcome.session.me?.username).toBe('alice');
  });

  it('asks for the e-mail code and signs in with it', async () => {
    const server = await live.start();
    server.admin.setEmailVerified('alice', true);
    const { client } = live.tracked();
    expect(await client.login({ serverUrl: server.url, user: 'alice', password: 'demo' })).toEqual({ kind: 'totp-required', method: 'email' });
    expect(await codeOf(client.submitTotp('000000' === server.lastEmailCode('alice') ? '111111' : '000000'))).toBe('totp-invalid');
    const outcome = await client.submitTotp(server.lastEmailCode('alice') ?? '');
    expect(outcome.kind === 'signed-in' && outcome.session.me?.username).toBe('alice');
  });

  it('signs in to a microservice server (DDP takes only {resume}), with an e-mail code and with LDAP', async () => {
    const server = await live.start({ deployment: 'microservice', ldap: true });
    const { client } = live.tracked();
    expect(await client.login({ serverUrl: server.url, user: 'bob', password: 'demo' })).toMatchObject({ kind: 'totp-required', method: 'email' });
    const outcome = await client.submitTotp(server.lastEmailCode('bob') ?? '');
    expect(outcome.kind === 'signed-in' && outcome.session.me?.username).toBe('bob');
    expect(client.state()).toEqual({ kind: 'online' });
  });

  const restLoginAnswers = (status: number, body: unknown): typeof fetch => (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    return url.endsWith('/api/v1/login')
      ? Promise.resolve(new Response(JSON.stringify(body), { status, headers: { 'x-ratelimit-reset': String(Date.now() + 60_000) } }))
      : fetch(input, init);
  };

  it("REST's 429 falls back to the DDP form, and is the answer where DDP cannot sign in (microservice)", async () => {
    const limited = restLoginAnswers(429, { success: false, error: 'Error, too many requests. [error-too-many-requests]' });
    const monolith = await live.start();
    const ok = await live.tracked({ fetch: limited }).client.login({ serverUrl: monolith.url, user: 'alice', password: 'demo' });
    expect(ok.kind).toBe('signed-in');
    const streamer = await live.start({ deployment: 'microservice' });
    expect(await codeOf(live.tracked({ fetch: limited }).client.login({ serverUrl: streamer.url, user: 'alice', password: 'demo' }))).toBe('rate-limited');
  });

  it('keeps the DDP login where the server has no REST login', async () => {
    const server = await live.start();
    const noRestLogin = restLoginAnswers(404, { success: false, error: 'API endpoint "/api/v1/login" not found' });
    const sockets = countingSockets();
    const { client } = live.tracked({ fetch: noRestLogin, openSocket: sockets.factory });
    const outcome = await client.login({ serverUrl: server.url, user: 'carol', password: 'demo' });
    expect(outcome.kind === 'signed-in' && outcome.session.me?.username).toBe('carol');
    const logins = sockets.sockets.flatMap((s) => s.sent).filter((f) => f.method === 'login');
    expect(JSON.stringify(logins[0])).toContain('"digest"');
  });
});

describe('after signing out', () => {
  it('the server address is still offered, also by a new client on the same profile', async () => {
    const server = await live.start();
    const { client, secrets } = await live.signedIn(server, 'alice');
    await client.logout();
    expect(client.session()).toEqual({ connection: { kind: 'signed-out' }, serverUrl: server.url });
    const { createRocketChatClient } = await import('../../src/main/rocketchat/client.js');
    const again = createRocketChatClient({ secrets });
    live.defer(() => again.dispose());
    expect(await again.resume()).toBeNull();
    expect(again.session()).toEqual({ connection: { kind: 'signed-out' }, serverUrl: server.url });
  });
});

describe('cancelling a sign-in', () => {
  it('ends the attempt with not-signed-in and leaves nothing signed in or stored', async () => {
    const server = await live.start();
    const { client, secrets } = live.tracked();
    server.faults.pause();
    const pending = codeOf(client.login({ serverUrl: server.url, user: 'alice', password: 'demo' }));
    client.cancelSignIn();
    server.faults.resume();
    expect(await pending).toBe('not-signed-in');
    expect(client.state()).toEqual({ kind: 'signed-out' });
    expect(secrets.data.has('rocketchat.session')).toBe(false);
  });
});
