// The HTTP half of SSO on the local server: the demo identity provider under /_idp/ (a user + password form for
// SAML, CAS and OAuth) and Rocket.Chat's own endpoints (/_saml/, /_cas/, /_oauth/) that end with a credential
// token, as real servers do. Only the kinds switched on with --sso answer; the rest is 404 like any unknown path.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ServerContext } from '../../context.js';
import { randomId, sha256Hex } from '../../util/ids.js';
import { verifyDigest } from '../password.js';
import { CLOSE_POPUP, idpLoginForm, oauthEndOfPopup, samlPostForm, SAML_LANDING } from './pages.js';
import { OAUTH_CLIENT_ID, OAUTH_SERVICE, SAML_PROVIDER, type SsoKind } from './state.js';
import { authnRequest, readAuthnRequest, readSamlResponse, samlResponse } from './saml-xml.js';

const WRONG_PASSWORD = 'Wrong username or password.';

/** Both answer and say the request was handled. */
function send(res: ServerResponse, status: number, html: string): true {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  res.end(html);
  return true;
}

function redirect(res: ServerResponse, location: string): true {
  res.writeHead(302, { location, 'cache-control': 'no-store' });
  res.end();
  return true;
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > 256 * 1024) throw new RangeError('form too large');
    chunks.push(chunk as Buffer);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

/** The directory behind the identity provider: the server's own people (not bots), with their passwords. */
function checkPassword(ctx: ServerContext, username: string, password: string): string | undefined {
  const user = ctx.state.userByUsername(username.trim());
  if (!user || user.type !== 'user' || !user.active) return undefined;
  return verifyDigest(user.services.password, sha256Hex(password)) ? user.username : undefined;
}

const enabled = (ctx: ServerContext, kind: SsoKind): boolean => ctx.options.sso.includes(kind);

async function identityProvider(ctx: ServerContext, req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
  const base = ctx.url();
  const post = req.method === 'POST';
  const form = post ? await readForm(req) : url.searchParams;
  const field = (name: string): string => form.get(name) ?? '';
  const signedIn = post ? checkPassword(ctx, field('username'), field('password')) : undefined;
  const error = post && !signedIn ? WRONG_PASSWORD : undefined;

  if (url.pathname === '/_idp/saml' && enabled(ctx, 'saml')) {
    const request = readAuthnRequest(field('SAMLRequest'));
    if (!request) return send(res, 400, 'Bad SAMLRequest');
    const hidden = { SAMLRequest: field('SAMLRequest'), RelayState: field('RelayState') };
    if (!signedIn) return send(res, 200, idpLoginForm('SAML', '/_idp/saml', hidden, error));
    const assertionId = ctx.sso.grant('_', signedIn, request.id);
    const response = samlResponse({ inResponseTo: request.id, assertionId, issuer: `${base}/_idp/saml`, nameId: signedIn, destination: request.acsUrl });
    return send(res, 200, samlPostForm(request.acsUrl, response, field('RelayState')));
  }
  if (url.pathname === '/_idp/cas/login' && enabled(ctx, 'cas')) {
    const service = field('service');
    if (!service) return send(res, 400, 'Missing service');
    if (!signedIn) return send(res, 200, idpLoginForm('CAS', '/_idp/cas/login', { service }, error));
    const ticket = ctx.sso.grant('ST-', signedIn, service);
    return redirect(res, `${service}${service.includes('?') ? '&' : '?'}ticket=${encodeURIComponent(ticket)}`);
  }
  if (url.pathname === '/_idp/oauth/authorize' && enabled(ctx, 'oauth')) {
    const redirectUri = field('redirect_uri');
    if (field('client_id') !== OAUTH_CLIENT_ID || redirectUri !== `${base}/_oauth/${OAUTH_SERVICE}` || field('response_type') !== 'code') {
      return send(res, 400, 'invalid_request');
    }
    const hidden = { client_id: field('client_id'), redirect_uri: redirectUri, response_type: 'code', state: field('state'), scope: field('scope') };
    if (!signedIn) return send(res, 200, idpLoginForm('OAuth', '/_idp/oauth/authorize', hidden, error));
    const code = ctx.sso.grant('', signedIn, redirectUri);
    return redirect(res, `${redirectUri}?code=${encodeURIComponent(code)}&state=${encodeURIComponent(field('state'))}`);
  }
  return false;
}

/** Meteor's `OAuth._stateFromQuery`: base64 JSON {loginStyle, credentialToken, isCordova, redirectUrl?}. */
function oauthState(raw: string): { credentialToken: string; isCordova: boolean } | undefined {
  try {
    const state = JSON.parse(Buffer.from(raw, 'base64').toString('utf8')) as { credentialToken?: unknown; isCordova?: unknown };
    return typeof state.credentialToken === 'string' && state.credentialToken.length > 0
      ? { credentialToken: state.credentialToken, isCordova: state.isCordova === true }
      : undefined;
  } catch {
    return undefined;
  }
}

async function serviceProvider(ctx: ServerContext, req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
  const base = ctx.url();
  const parts = url.pathname.split('/').filter(Boolean);
  if (parts[0] === '_saml' && enabled(ctx, 'saml') && parts[2] === SAML_PROVIDER) {
    if (parts[1] === 'authorize' && parts[3]) {
      // The client's credential token becomes the AuthnRequest's ID.
      const request = authnRequest({ id: parts[3], acsUrl: `${base}/_saml/validate/${SAML_PROVIDER}`, issuer: `${base}/_saml/metadata/${SAML_PROVIDER}` });
      return redirect(res, `${base}/_idp/saml?SAMLRequest=${encodeURIComponent(request)}&RelayState=${encodeURIComponent(base)}`);
    }
    if (parts[1] === 'validate' && req.method === 'POST') {
      const form = await readForm(req);
      const response = readSamlResponse(form.get('SAMLResponse') ?? '');
      // The identity provider vouches for each assertion once (a real one signs it; replays are refused either way).
      const username = response && response.issuer === `${base}/_idp/saml` ? ctx.sso.redeem(response.assertionId, response.inResponseTo) : undefined;
      if (!username || username !== response?.nameId) return redirect(res, `${base}/`);
      // Rocket.Chat keeps the result under a fresh random token and names it in the URL (the mobile app reads it).
      const token = randomId();
      ctx.sso.store('saml', token, username);
      return redirect(res, `${base}/saml/${token}?saml_idp_credentialToken=${token}`);
    }
  }
  if (parts[0] === 'saml' && parts.length === 2 && enabled(ctx, 'saml')) return send(res, 200, SAML_LANDING);
  if (parts[0] === '_cas' && parts.length === 2 && enabled(ctx, 'cas')) {
    const token = parts[1] ?? '';
    const username = ctx.sso.redeem(url.searchParams.get('ticket') ?? '', `${base}/_cas/${token}`);
    if (username) ctx.sso.store('cas', token, username);
    return send(res, 200, CLOSE_POPUP);
  }
  if (parts[0] === '_oauth' && parts[1] === OAUTH_SERVICE && parts.length === 2 && enabled(ctx, 'oauth')) {
    const state = oauthState(url.searchParams.get('state') ?? '');
    const username = ctx.sso.redeem(url.searchParams.get('code') ?? '', `${base}/_oauth/${OAUTH_SERVICE}`);
    if (!state || !username) return send(res, 200, oauthEndOfPopup({ setCredentialToken: false, isCordova: state?.isCordova ?? false }));
    const credentialSecret = ctx.sso.store('oauth', state.credentialToken, username);
    return send(res, 200, oauthEndOfPopup({ setCredentialToken: true, credentialToken: state.credentialToken, credentialSecret, isCordova: state.isCordova }));
  }
  return false;
}

/** Answers the request when it is one of SSO's; false otherwise. */
export async function handleSso(ctx: ServerContext, req: IncomingMessage, res: ServerResponse): Promise<boolean> {
  if (ctx.options.sso.length === 0) return false;
  const url = new URL(req.url ?? '/', ctx.url());
  if (url.pathname.startsWith('/_idp/')) return identityProvider(ctx, req, res, url);
  return serviceProvider(ctx, req, res, url);
}
