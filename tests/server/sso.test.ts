// --sso saml|oauth|cas: the server offers each service the way Rocket.Chat does (service configurations in
// settings.oauth, CAS's public settings), a demo identity provider with a user + password form, and flows that
// end with a credential token (+ secret for OAuth) the client signs in with — over DDP and REST.
import { describe, expect, it } from 'vitest';
import type { LocalServer } from '../../server/index.js';
import type { ParsedJson } from './ddp-client.js';
import { serverPool } from './server-pool.js';
import { alertOf, formOf, go, signInAt } from './sso-http.js';

const { serve, open } = serverPool();
const ddpLogin = async (server: LocalServer, request: unknown) => (await open(server)).call('login', request);
const restLogin = async (server: LocalServer, body: unknown) => {
  const response = await fetch(`${server.url}/api/v1/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as ParsedJson };
};
const services = async (server: LocalServer) =>
  ((await (await fetch(`${server.url}/api/v1/settings.oauth`)).json()) as { services: Record<string, unknown>[] }).services;
const LOGIN_CANCELLED = 0x8acdc2f;

describe('what the server offers', () => {
  it('lists the services of --sso in settings.oauth, anonymously, and none without the flag', async () => {
    expect(await services(await serve({}))).toEqual([]);
    const server = await serve({ sso: ['saml', 'cas', 'oauth'] });
    const listed = await services(server);
    expect(listed.map((s) => s.service)).toEqual(['saml', 'cas', 'demo-idp']);
    expect(listed[0]).toMatchObject({ clientConfig: { provider: 'demo-idp' }, buttonLabelText: 'Demo IdP (SAML)' });
    expect(listed[1]).toMatchObject({ enabled: true, login_url: `${server.url}/_idp/cas/login` });
    expect(listed[2]).toMatchObject({ custom: true, clientId: 'otr-desk-local', authorizePath: '/_idp/oauth/authorize' });
    expect(listed.every((s) => !('secret' in s))).toBe(true);
    const settings = ((await (await fetch(`${server.url}/api/v1/settings.public`)).json()) as { settings: { _id: string; value: unknown }[] }).settings;
    expect(settings.find((s) => s._id === 'CAS_enabled')?.value).toBe(true);
  });
});

describe('SAML', () => {
  it('ends at /saml/<token>?saml_idp_credentialToken=<token>, which signs in over REST and DDP', async () => {
    const server = await serve({ sso: ['saml'] });
    const form = await go(`${server.url}/_saml/authorize/demo-idp/id-client-token`);
    expect(form.url).toMatch(`${server.url}/_idp/saml?SAMLRequest=`);
    const wrong = await signInAt(form, 'alice', 'nope');
    expect(alertOf(wrong)).toBe('Wrong username or password.');
    const posted = await signInAt(wrong, 'alice', 'demo');
    // The HTTP-POST binding: the identity provider's page carries the response to the server.
    const { action, fields } = formOf(posted);
    expect(action).toBe(`${server.url}/_saml/validate/demo-idp`);
    const landing = await go(action, fields);
    const token = new URL(landing.url).searchParams.get('saml_idp_credentialToken') ?? '';
    expect(landing.url).toBe(`${server.url}/saml/${token}?saml_idp_credentialToken=${token}`);
    // The provider's people have verified addresses, so each sign-in is finished with the mailed code.
    const saml = { saml: true, credentialToken: token };
    expect((await restLogin(server, saml)).body).toMatchObject({ error: 'totp-required', details: { method: 'email' } });
    const viaRest = await restLogin(server, { totp: { login: saml, code: server.lastEmailCode('alice') } });
    expect(viaRest.body.data.me.username).toBe('alice');
    expect(await ddpLogin(server, saml)).toMatchObject({ error: { error: 'totp-required' } });
    expect(await ddpLogin(server, { totp: { login: saml, code: server.lastEmailCode('alice') } })).toMatchObject({ result: { type: 'saml' } });
    // The same assertion cannot be used twice: a replay goes to the server's home page.
    expect((await go(action, fields)).url).toBe(`${server.url}/`);
  });

  it('answers a token nothing finished with Meteor\'s LoginCancelledError', async () => {
    const server = await serve({ sso: ['saml'] });
    expect(await ddpLogin(server, { saml: true, credentialToken: 'id-never' })).toMatchObject({ error: { error: LOGIN_CANCELLED, reason: 'No matching login attempt found' } });
    const viaRest = await restLogin(server, { saml: true, credentialToken: 'id-never' });
    expect(viaRest).toMatchObject({ status: 401, body: { error: LOGIN_CANCELLED, message: 'No matching login attempt found' } });
  });
});

describe('CAS', () => {
  it('checks the ticket at /_cas/<token>, closes the popup, and {cas: {credentialToken}} signs in', async () => {
    const server = await serve({ sso: ['cas'] });
    const service = `${server.url}/_cas/client-token`;
    const form = await go(`${server.url}/_idp/cas/login?service=${encodeURIComponent(service)}`);
    expect(alertOf(await signInAt(form, 'bob', 'wrong'))).toBe('Wrong username or password.');
    const visited: string[] = [];
    const end = await signInAt(form, 'bob', 'demo', visited);
    expect(visited.at(-1)).toMatch(`${service}?ticket=ST-`);
    expect(end.html).toContain('window.close()');
    expect(await ddpLogin(server, { cas: { credentialToken: 'client-token' } })).toMatchObject({ result: { type: 'cas' } });
    expect((await restLogin(server, { cas: { credentialToken: 'client-token' } })).body.data.me.username).toBe('bob');
    // A ticket works once.
    await go(visited.at(-1)?.replace('client-token', 'other-token') ?? '');
    expect(await ddpLogin(server, { cas: { credentialToken: 'other-token' } })).toMatchObject({ error: { error: LOGIN_CANCELLED } });
  });
});

describe('OAuth', () => {
  const state = (credentialToken: string) => Buffer.from(JSON.stringify({ loginStyle: 'popup', credentialToken, isCordova: true })).toString('base64');

  it('ends at /_oauth/demo-idp with the credential token and secret; the secret is needed, and the credential stays for a retry', async () => {
    const server = await serve({ sso: ['oauth'] });
    const redirect = `${server.url}/_oauth/demo-idp`;
    const query = new URLSearchParams({ client_id: 'otr-desk-local', redirect_uri: redirect, response_type: 'code', state: state('tok'), scope: 'openid' });
    const form = await go(`${server.url}/_idp/oauth/authorize?${query.toString()}`);
    const end = await signInAt(form, 'carol', 'demo');
    expect(end.url).toMatch(`${redirect}?code=`);
    const config = JSON.parse((/<div id="config"[^>]*>([^<]*)</.exec(end.html)?.[1] ?? '').replace(/&quot;/g, '"')) as Record<string, unknown>;
    expect(config).toMatchObject({ setCredentialToken: true, credentialToken: 'tok', isCordova: true });
    expect(await ddpLogin(server, { oauth: { credentialToken: 'tok', credentialSecret: 'guess' } })).toMatchObject({ error: { error: LOGIN_CANCELLED } });
    const oauth = { oauth: { credentialToken: 'tok', credentialSecret: config.credentialSecret } };
    expect(await ddpLogin(server, oauth)).toMatchObject({ error: { error: 'totp-required', details: { method: 'email' } } });
    // Rocket.Chat keeps a used OAuth credential two minutes more, so it can be sent again with the 2FA code.
    const viaRest = await restLogin(server, { totp: { login: oauth, code: server.lastEmailCode('carol') } });
    expect(viaRest.body.data.me.username).toBe('carol');
  });

  it('refuses an unknown client or redirect address at the identity provider', async () => {
    const server = await serve({ sso: ['oauth'] });
    const query = new URLSearchParams({ client_id: 'otr-desk-local', redirect_uri: 'https://evil.example/_oauth/demo-idp', response_type: 'code', state: state('x') });
    expect((await go(`${server.url}/_idp/oauth/authorize?${query.toString()}`)).status).toBe(400);
  });
});

describe('a second factor after SSO, as in Rocket.Chat\'s 2FA check', () => {
  it('a SAML or OAuth sign-in of one of the provider\'s people (verified addresses, as Rocket.Chat creates them) asks for the mailed code and takes it in the totp wrapper; CAS does not ask', async () => {
    const server = await serve({ sso: ['saml', 'cas'] });
    const form = await go(`${server.url}/_saml/authorize/demo-idp/id-2fa`);
    const { action, fields } = formOf(await signInAt(form, 'alice', 'demo'));
    const token = new URL((await go(action, fields)).url).searchParams.get('saml_idp_credentialToken') ?? '';
    const saml = { saml: true, credentialToken: token };
    expect(await ddpLogin(server, saml)).toMatchObject({ error: { error: 'totp-required', details: { method: 'email' } } });
    const code = server.lastEmailCode('alice') ?? '';
    expect(await ddpLogin(server, { totp: { login: saml, code } })).toMatchObject({ result: { type: 'saml' } });

    const service = `${server.url}/_cas/cas-2fa`;
    await signInAt(await go(`${server.url}/_idp/cas/login?service=${encodeURIComponent(service)}`), 'alice', 'demo');
    expect(await ddpLogin(server, { cas: { credentialToken: 'cas-2fa' } })).toMatchObject({ result: { type: 'cas' } });
  });
});

describe('a server without the service', () => {
  it('has no such pages and no such login handler', async () => {
    const server = await serve({ sso: ['cas'] });
    expect((await go(`${server.url}/_saml/authorize/demo-idp/id-x`)).status).toBe(404);
    expect(await ddpLogin(server, { saml: true, credentialToken: 'id-x' })).toMatchObject({ error: { error: 400, reason: 'Unrecognized options for login request' } });
  });
});
