// The deployments issue 16 models: LDAP, e-mail 2FA, the microservice DDP streamer, and the login errors that
// Rocket.Chat does not mask.
import { describe, expect, it, vi } from 'vitest';

import type { LocalServer, ServerOptions } from '../../server/index.js';
import { digest, type ParsedJson } from './ddp-client.js';
import { serverPool } from './server-pool.js';

const { serve, open } = serverPool();
const rest = async (server: LocalServer, path: string, body?: unknown) => {
  const response = await fetch(`${server.url}${path}`, {
    method: body ? 'POST' : 'GET',
    headers: { 'content-type': 'application/json' },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  return { status: response.status, body: (await response.json()) as ParsedJson };
};
const password = (username: string, plain: string) => ({ user: { username }, password: { digest: digest(plain), algorithm: 'sha-256' } });
const ldap = (username: string, ldapPass: string) => ({ ldap: true, username, ldapPass, ldapOptions: {} });
const setting = async (server: LocalServer, id: string): Promise<unknown> =>
  ((await rest(server, '/api/v1/settings.public')).body.settings as { _id: string; value: unknown }[]).find((s) => s._id === id)?.value;

describe('--ldap', () => {
  it('makes LDAP_Enable public and on (off without the flag)', async () => {
    expect(await setting(await serve({ ldap: true }), 'LDAP_Enable')).toBe(true);
    expect(await setting(await serve({}), 'LDAP_Enable')).toBe(false);
  });

  it('logs an LDAP user in over DDP and REST (through the mailed code), and refuses a plain password login with 403 Login forbidden', async () => {
    const server = await serve({ ldap: true });
    const client = await open(server);
    expect((await client.call('login', ldap('alice', 'demo'))).error).toMatchObject({ error: 'totp-required' });
    const code = server.lastEmailCode('alice');
    expect(await client.ok('login', { totp: { login: ldap('alice', 'demo'), code } })).toMatchObject({ type: 'ldap' });
    expect((await rest(server, '/api/v1/login', ldap('bob', 'demo'))).body).toMatchObject({ error: 'totp-required' });
    const viaRest = await rest(server, '/api/v1/login', { ...ldap('bob', 'demo'), code: server.lastEmailCode('bob') });
    expect(viaRest.status).toBe(200);
    expect(viaRest.body.data.me.username).toBe('bob');
    const plain = await (await open(server)).call('login', password('carol', 'demo'));
    expect(plain.error).toMatchObject({ error: 403, reason: 'Login forbidden' });
    const plainRest = await rest(server, '/api/v1/login', { user: 'carol', password: 'demo' });
    expect(plainRest.status).toBe(401);
    expect(plainRest.body.message).toBe('Login forbidden');
  });

  it('gives the directory\'s people verified addresses, as Rocket.Chat does: an LDAP sign-in answers totp-required (e-mail) until the code is given', async () => {
    const server = await serve({ ldap: true });
    const client = await open(server);
    const asked = await client.call('login', ldap('carol', 'demo'));
    expect(asked.error).toMatchObject({ error: 'totp-required', details: { method: 'email', codeGenerated: true, availableMethods: ['email'] } });
    const sent = server.lastEmailCode('carol') ?? '';
    const wrong = await client.call('login', { totp: { login: ldap('carol', 'demo'), code: sent === '000000' ? '111111' : '000000' } });
    expect(wrong.error).toMatchObject({ error: 'totp-invalid', details: { method: 'email' } });
    expect(await client.ok('login', { totp: { login: ldap('carol', 'demo'), code: sent } })).toMatchObject({ type: 'ldap' });
  });

  it('syncs a directory user\'s address as verified at LDAP login, so even one created unverified is asked; `--2fa off` asks nobody', async () => {
    const server = await serve({ ldap: true });
    server.createUser({ username: 'dana', password: 'pw', emailVerified: false });
    const first = await (await open(server)).call('login', ldap('dana', 'pw'));
    expect(first.error).toMatchObject({ error: 'totp-required', details: { method: 'email' } });
    const off = await serve({ ldap: true, twoFactor: 'off' });
    expect(await (await open(off)).ok('login', ldap('alice', 'demo'))).toMatchObject({ type: 'ldap' });
  });

  it('masks a wrong LDAP password like any failed login, and has no LDAP handler without the flag', async () => {
    const server = await serve({ ldap: true });
    expect((await (await open(server)).call('login', ldap('alice', 'nope'))).error.reason).toBe('User not found');
    const plainServer = await serve({});
    expect((await (await open(plainServer)).call('login', ldap('alice', 'demo'))).error.reason).toBe('User not found');
  });
});

// A server with every user verified: the demo people are created like an admin's users.create, unverified.
const verified = async (options: ServerOptions, usernames = ['alice', 'bob', 'carol']): Promise<LocalServer> => {
  const server = await serve(options);
  for (const username of usernames) server.admin.setEmailVerified(username, true);
  return server;
};

describe('e-mail 2FA (on by default, as Rocket.Chat)', () => {
  it('by default, a verified user is asked for a mailed code; unverified seeded users and `--2fa off` are not', async () => {
    const server = await serve({});
    expect((await (await open(server)).call('login', password('alice', 'demo'))).result).toMatchObject({ type: 'password' });
    expect(await setting(server, 'Accounts_TwoFactorAuthentication_By_Email_Enabled')).toBe(true);
    server.admin.setEmailVerified('bob', true);
    const asked = await (await open(server)).call('login', password('bob', 'demo'));
    expect(asked.error).toMatchObject({ error: 'totp-required', details: { method: 'email', availableMethods: ['email'] } });
    expect(server.lastEmailCode('bob')).toMatch(/^\d{6}$/);
    const off = await verified({ twoFactor: 'off' });
    expect((await (await open(off)).call('login', password('bob', 'demo'))).result).toMatchObject({ type: 'password' });
    expect(await setting(off, 'Accounts_TwoFactorAuthentication_By_Email_Enabled')).toBe(false);
  });

  it('asks for an e-mail code, "mails" a fresh one, and accepts it once over DDP and REST', async () => {
    const mailed: string[] = [];
    const server = await verified({ onEmailCode: (username, code) => mailed.push(`${username}:${code}`) });
    const client = await open(server);
    const first = await client.call('login', password('alice', 'demo'));
    expect(first.error).toMatchObject({ error: 'totp-required', details: { method: 'email', availableMethods: ['email'] } });
    const code = server.lastEmailCode('alice') ?? '';
    expect(mailed).toEqual([`alice:${code}`]);
    const wrong = await client.call('login', { totp: { login: password('alice', 'demo'), code: code === '000000' ? '111111' : '000000' } });
    expect(wrong.error.error).toBe('totp-invalid');
    expect(await client.ok('login', { totp: { login: password('alice', 'demo'), code } })).toMatchObject({ type: 'password' });
    // A used code is spent.
    expect((await (await open(server)).call('login', { totp: { login: password('alice', 'demo'), code } })).error.error).toBe('totp-invalid');

    const restFirst = await rest(server, '/api/v1/login', { user: 'bob', password: 'demo' });
    expect(restFirst.body).toMatchObject({ error: 'totp-required', details: { method: 'email' } });
    const restCode = server.lastEmailCode('bob');
    expect((await rest(server, '/api/v1/login', { user: 'bob', password: 'demo', code: restCode })).status).toBe(200);
  });

  it('leaves users without a verified address alone, and never asks on resume', async () => {
    const server = await serve({});
    server.createUser({ username: 'erin', password: 'pw', emailVerified: false });
    const erin = await (await open(server)).ok('login', password('erin', 'pw'));
    expect(await (await open(server)).ok('login', { resume: erin.token })).toMatchObject({ type: 'resume' });
  });

  it('combines with --ldap: the LDAP login asks for the e-mail code too', async () => {
    const server = await serve({ ldap: true });
    const first = await rest(server, '/api/v1/login', ldap('alice', 'demo'));
    expect(first.body).toMatchObject({ error: 'totp-required', details: { method: 'email' } });
    const second = await rest(server, '/api/v1/login', { ...ldap('alice', 'demo'), code: server.lastEmailCode('alice') });
    expect(second.status).toBe(200);
  });
});

describe('login errors Rocket.Chat does not mask', () => {
  it('error-user-is-not-activated for a deactivated user with the right password (masked with a wrong one)', async () => {
    const server = await serve({});
    server.admin.setActive('carol', false);
    const client = await open(server);
    expect((await client.call('login', password('carol', 'demo'))).error).toMatchObject({ error: 'error-user-is-not-activated' });
    expect((await client.call('login', password('carol', 'bad'))).error.reason).toBe('User not found');
    const viaRest = await rest(server, '/api/v1/login', { user: 'carol', password: 'demo' });
    expect(viaRest.body).toMatchObject({ error: 'error-user-is-not-activated' });
  });

  it('error-invalid-email when e-mail verification is on and the address is unverified', async () => {
    const server = await serve({ emailVerification: true });
    server.createUser({ username: 'frank', password: 'pw', emailVerified: false });
    const outcome = await (await open(server)).call('login', password('frank', 'pw'));
    expect(outcome.error).toMatchObject({ error: 'error-invalid-email' });
    expect(await setting(server, 'Accounts_EmailVerification')).toBe(true);
  });

  it('error-login-blocked-for-user after ten failures, over REST too', async () => {
    const server = await serve({});
    // Two connections, so the per-connection method limit (10 / 10 s) is not what answers.
    const [first, second] = [await open(server), await open(server)];
    for (let i = 0; i < 10; i += 1) await (i < 5 ? first : second).call('login', password('bob', 'bad'));
    expect((await (await open(server)).call('login', password('bob', 'demo'))).error).toMatchObject({ error: 'error-login-blocked-for-user' });
    expect((await rest(server, '/api/v1/login', { user: 'bob', password: 'demo' })).body).toMatchObject({ error: 'error-login-blocked-for-user' });
  });
});

describe('--deployment microservice', () => {
  it('greets with msg server_id and takes only {resume} over DDP on 8.x; REST signs in with everything', async () => {
    const server = await verified({ deployment: 'microservice' });
    const client = await open(server);
    expect(JSON.parse(client.raw[0] ?? '{}')).toEqual({ msg: 'server_id', server_id: '0' });
    const refused = await client.call('login', password('alice', 'demo'));
    expect(refused.error).toMatchObject({ error: 403 });
    const first = await rest(server, '/api/v1/login', { user: 'alice', password: 'demo' });
    expect(first.body).toMatchObject({ error: 'totp-required', details: { method: 'email' } });
    const signedIn = await rest(server, '/api/v1/login', { user: 'alice', password: 'demo', code: server.lastEmailCode('alice') });
    expect(await client.ok('login', { resume: signedIn.body.data.authToken })).toMatchObject({ type: 'resume' });
  });

  it('on 7.x also takes {user: {username}, password} over DDP, but not by e-mail', async () => {
    const server = await serve({ deployment: 'microservice', version: '7.10.0' });
    expect(await (await open(server)).ok('login', password('bob', 'demo'))).toMatchObject({ type: 'password' });
    const byEmail = await (await open(server)).call('login', { user: { email: 'bob@localhost' }, password: { digest: digest('demo'), algorithm: 'sha-256' } });
    expect(byEmail.error).toMatchObject({ error: 403 });
  });

  // ddp-streamer's login goes to the account service; whatever it refuses is one 403 (configureServer.ts,
  // methods/accounts.ts), never Meteor's masked 401 or its login validators.
  const loggedOut = "You've been logged out by the server. Please log in again";

  it('answers an unknown resume token and any other login form with ddp-streamer\'s one 403', async () => {
    const server = await serve({ deployment: 'microservice', ldap: true });
    const refusal = { error: 403, reason: loggedOut, message: `${loggedOut} [403]`, errorType: 'Meteor.Error' };
    expect((await (await open(server)).call('login', { resume: 'no-such-token' })).error).toMatchObject(refusal);
    expect((await (await open(server)).call('login', ldap('alice', 'demo'))).error).toMatchObject(refusal);
  });

  it('an expired session says so; a personal access token resumes with no tokenExpires at all', async () => {
    const server = await serve({ deployment: 'microservice' });
    const pat = server.createPersonalAccessToken('carol');
    expect(await (await open(server)).ok('login', { resume: pat })).not.toHaveProperty('tokenExpires');
    const { authToken } = (await rest(server, '/api/v1/login', { user: 'carol', password: 'demo' })).body.data;
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(Date.now() + 91 * 24 * 3600_000);
      const expired = await (await open(server)).call('login', { resume: authToken });
      expect(expired.error).toMatchObject({ error: 403, reason: 'Your session has expired. Please log in again.' });
    } finally {
      vi.useRealTimers();
    }
  });

  it('on 7.x the username login checks the stored password only: no second factor, and a directory user has none', async () => {
    const server = await serve({ deployment: 'microservice', version: '7.10.0' });
    server.admin.setEmailVerified('bob', true);
    expect(await (await open(server)).ok('login', password('bob', 'demo'))).toMatchObject({ type: 'password' });
    expect((await (await open(server)).call('login', password('bob', 'wrong'))).error).toMatchObject({ error: 403, reason: loggedOut });
    const directory = await serve({ deployment: 'microservice', version: '7.10.0', ldap: true });
    expect((await (await open(directory)).call('login', password('alice', 'demo'))).error).toMatchObject({ error: 403, reason: loggedOut });
  });

  it('a monolith greets with a bare server_id', async () => {
    const client = await open(await serve({}));
    expect(JSON.parse(client.raw[0] ?? '{}')).toEqual({ server_id: '0' });
  });
});
