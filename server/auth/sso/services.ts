// How a server offers SSO: its login service configurations (Meteor's `meteor_accounts_loginServiceConfiguration`,
// read anonymously through GET /api/v1/settings.oauth) and SSO's public settings; and the login handlers that
// take the credential token at the end of the flow.
import type { ServerContext } from '../../context.js';
import { isPlainObject } from '../../ddp/check.js';
import { MeteorError } from '../../ddp/errors.js';
import type { UserRecord } from '../../store/types.js';
import { OAUTH_CLIENT_ID, OAUTH_SERVICE, SAML_PROVIDER, type SsoKind } from './state.js';

const BUTTON = { buttonLabelColor: '#FFFFFF', buttonColor: '#1D74F5' };

/** The configurations as settings.oauth lists them: saml, cas and custom OAuth records whole (without `secret`). */
export function serviceConfigurations(ctx: ServerContext): Record<string, unknown>[] {
  const base = ctx.url();
  const records: Record<SsoKind, Record<string, unknown>> = {
    saml: {
      _id: 'saml-config', service: 'saml', buttonLabelText: 'Demo IdP (SAML)', ...BUTTON,
      clientConfig: { provider: SAML_PROVIDER }, entryPoint: `${base}/_idp/saml`, idpSLORedirectURL: '',
      issuer: `${base}/_saml/metadata/${SAML_PROVIDER}`, logoutBehaviour: 'SAML',
    },
    cas: {
      _id: 'cas-config', service: 'cas', enabled: true, base_url: `${base}/_idp/cas`, login_url: `${base}/_idp/cas/login`,
      buttonLabelText: 'Demo IdP (CAS)', width: 810, height: 610, autoclose: true,
    },
    oauth: {
      _id: 'oauth-config', service: OAUTH_SERVICE, custom: true, clientId: OAUTH_CLIENT_ID, serverURL: base,
      authorizePath: '/_idp/oauth/authorize', tokenPath: '/_idp/oauth/token', identityPath: '/_idp/oauth/me',
      scope: 'openid', loginStyle: 'popup', tokenSentVia: 'payload', buttonLabelText: 'Demo IdP (OAuth)', ...BUTTON,
    },
  };
  return ctx.options.sso.map((kind) => records[kind]);
}

/** SSO's public settings (CAS names its own; SAML and OAuth are only in the service configurations). */
export function ssoPublicSettings(ctx: ServerContext): [string, unknown][] {
  const cas = ctx.options.sso.includes('cas');
  return [['CAS_enabled', cas], ['CAS_login_url', cas ? `${ctx.url()}/_idp/cas/login` : '']];
}

// Meteor's Accounts.LoginCancelledError.numericError: what every SSO handler answers when nothing was finished.
export const LOGIN_CANCELLED = 0x8acdc2f;

function finished(ctx: ServerContext, kind: SsoKind, token: unknown, secret?: unknown): UserRecord {
  const username = typeof token === 'string' ? ctx.sso.retrieve(kind, token, typeof secret === 'string' ? secret : undefined) : undefined;
  const user = username === undefined ? undefined : ctx.state.userByUsername(username);
  if (!user) throw new MeteorError(LOGIN_CANCELLED, 'No matching login attempt found');
  return user;
}

/**
 * The SAML, CAS and OAuth login handlers: `{saml: true, credentialToken}`, `{cas: {credentialToken}}`,
 * `{oauth: {credentialToken, credentialSecret}}`. undefined when the request is none of these; a kind the server
 * does not offer has no handler, which Meteor answers with "Unrecognized options for login request".
 */
export function ssoLogin(ctx: ServerContext, request: Record<string, unknown>): { user: UserRecord; kind: SsoKind } | undefined {
  let kind: SsoKind | undefined;
  if (request.saml === true) kind = 'saml';
  else if (isPlainObject(request.cas)) kind = 'cas';
  else if (isPlainObject(request.oauth)) kind = 'oauth';
  if (!kind) return undefined;
  if (!ctx.options.sso.includes(kind)) throw new MeteorError(400, 'Unrecognized options for login request');
  if (kind === 'saml') return { user: finished(ctx, kind, request.credentialToken), kind };
  const inner = (kind === 'cas' ? request.cas : request.oauth) as Record<string, unknown>;
  return { user: finished(ctx, kind, inner.credentialToken, inner.credentialSecret), kind };
}
