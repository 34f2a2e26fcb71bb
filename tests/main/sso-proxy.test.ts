// The browser host's SSO forwarder: it forwards only the SSO paths of the account's own server and the provider's
// pages the server's configuration names (no open proxy), moves the popup's way onto its own loopback origin, and
// reads where the flow ends without showing that end (SAML token, OAuth secret) to the popup.
import { createServer, request, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SsoEnd } from '../../src/main/rocketchat/sso.js';
import { PASS_COOKIE, START_PATH, startSsoProxy, type SsoProxy } from '../../src/main/sso-proxy/proxy.js';
import { isForwarded, localCookie, scopesOf, settledAddress } from '../../src/main/sso-proxy/scope.js';

describe('what a flow may reach', () => {
  const forwarded = (reach: Parameters<typeof scopesOf>[0], url: string): boolean => isForwarded(scopesOf(reach), new URL(url));

  it('the server\'s SSO paths only, under its own path — never its API, web app or socket', () => {
    const reach = { serverUrl: 'https://chat.example.org/rc' };
    for (const url of ['https://chat.example.org/rc/_saml/validate/x', 'https://chat.example.org/rc/_cas/t?ticket=1', 'https://chat.example.org/rc/_oauth/github?code=1']) {
      expect(forwarded(reach, url)).toBe(true);
    }
    for (const url of [
      'https://chat.example.org/rc/api/v1/me', 'https://chat.example.org/rc/websocket', 'https://chat.example.org/rc/',
      'https://chat.example.org/_saml/validate/x', 'https://chat.example.org/rc/saml/t?saml_idp_credentialToken=t',
      'https://chat.example.org/rc/_saml/../api/v1/me', 'https://chat.example.org/rc/_saml/%2e%2e/api/v1/me',
      'http://chat.example.org/rc/_saml/x', 'https://chat.example.org.evil.test/rc/_saml/x', 'https://evil.test/rc/_cas/x',
    ]) {
      expect(forwarded(reach, url), url).toBe(false);
    }
  });

  it('a provider on the server\'s origin in its own folder only; one elsewhere whole', () => {
    const same = { serverUrl: 'https://chat.example.org', providerUrl: 'https://chat.example.org/_idp/cas/login' };
    expect(forwarded(same, 'https://chat.example.org/_idp/cas/login?service=x')).toBe(true);
    expect(forwarded(same, 'https://chat.example.org/_idp/oauth/authorize')).toBe(false);
    // A provider page at the server's top level must not open the whole server.
    const top = { serverUrl: 'https://chat.example.org', providerUrl: 'https://chat.example.org/login' };
    expect(forwarded(top, 'https://chat.example.org/login')).toBe(true);
    expect(forwarded(top, 'https://chat.example.org/api/v1/me')).toBe(false);
    const elsewhere = { serverUrl: 'https://chat.example.org', providerUrl: 'https://idp.example.org/realms/a/auth' };
    expect(forwarded(elsewhere, 'https://idp.example.org/resources/login.css')).toBe(true);
    expect(forwarded(elsewhere, 'https://other.example.org/realms/a/auth')).toBe(false);
    expect(forwarded({ serverUrl: 'https://chat.example.org', providerUrl: 'javascript:alert(1)' }, 'https://chat.example.org/api/v1/me')).toBe(false);
  });

  it('keeps the provider\'s cookies for the loopback origin', () => {
    expect(localCookie('SID=1; Domain=idp.example.org; Path=/; Secure; HttpOnly; SameSite=None')).toBe('SID=1; Path=/; HttpOnly');
    expect(localCookie('SID=1; Path=/; SameSite=Lax')).toBe('SID=1; Path=/; SameSite=Lax');
  });

  it('reads the OAuth end page\'s credentials as the address its script would go to, only when it sets them', () => {
    const page = (config: object): string => `<div id="config" style="display:none;">${JSON.stringify(config).replace(/"/g, '&quot;')}</div>`;
    const url = 'https://chat.example.org/_oauth/x?code=1';
    const settled = settledAddress(url, page({ setCredentialToken: true, isCordova: true, credentialToken: 't', credentialSecret: 's' }));
    expect(JSON.parse(decodeURIComponent(new URL(settled).hash.slice(1)))).toEqual({ credentialToken: 't', credentialSecret: 's' });
    expect(settledAddress(url, page({ setCredentialToken: false, isCordova: true }))).toBe(url);
    expect(settledAddress(url, '<p>no config</p>')).toBe(url);
  });
});

// A stand-in for the server + provider on one origin, which records every request that reaches it.
let upstream: Server;
let origin: string;
const reached: { method: string; path: string; body: string; origin?: string }[] = [];
let proxy: SsoProxy | undefined;
/** The popup's pass, as the start page set it; every request of `raw` carries it unless told otherwise. */
let pass = '';

beforeEach(async () => {
  reached.length = 0;
  upstream = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', origin);
      reached.push({ method: req.method ?? '', path: `${url.pathname}${url.search}`, body: Buffer.concat(chunks).toString(), ...(req.headers.origin ? { origin: req.headers.origin } : {}) });
      if (url.pathname === '/_idp/login' && req.method === 'GET') {
        res.writeHead(200, { 'content-type': 'text/html' });
        res.end(`<form method="post" action="${origin}/_idp/login"><input type="hidden" name="service" value="${origin}/_cas/t"></form><a href="/_idp/help">help</a>`);
      } else if (url.pathname === '/_idp/login') {
        res.writeHead(302, { location: `${origin}/_cas/t?ticket=ST-1`, 'set-cookie': 'IDP=1; Domain=example.org; Secure' });
        res.end();
      } else if (url.pathname === '/_cas/t') {
        res.writeHead(200, { 'content-type': 'text/html' });
        res.end('<script>window.close()</script>');
      } else if (url.pathname === '/_oauth/x') {
        res.writeHead(200, { 'content-type': 'text/html' });
        res.end('<div id="config" style="display:none;">{&quot;setCredentialToken&quot;:true,&quot;isCordova&quot;:true,&quot;credentialToken&quot;:&quot;t&quot;,&quot;credentialSecret&quot;:&quot;SECRET&quot;}</div>');
      } else {
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.end('server data');
      }
    });
  });
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
});

afterEach(async () => {
  await proxy?.close();
  proxy = undefined;
  await new Promise<void>((resolve) => upstream.close(() => resolve()));
});

interface Answer { status: number; headers: IncomingMessage['headers']; body: string }

/** A request exactly as given: target, Host and method are not normalised by a client library. */
function raw(port: number, path: string, options: { method?: string; host?: string; body?: string; headers?: Record<string, string> } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const headers = { host: options.host ?? `127.0.0.1:${port}`, ...(pass ? { cookie: pass } : {}), ...options.headers };
    const req = request({ host: '127.0.0.1', port, path, method: options.method ?? 'GET', headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString() }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

/** A flow whose popup has opened the start page (and so holds the pass). */
async function start(watch: (url: string) => SsoEnd | undefined = () => undefined, firstPath = '/_idp/login?service=x'): Promise<{ port: number; ends: SsoEnd[]; startPage: Answer }> {
  const ends: SsoEnd[] = [];
  proxy = await startSsoProxy({ firstUrl: `${origin}${firstPath}`, reach: { serverUrl: origin, providerUrl: `${origin}/_idp/login` }, watch, onEnd: (end) => ends.push(end) });
  const port = Number(new URL(proxy.startUrl).port);
  pass = '';
  const startPage = await raw(port, START_PATH);
  pass = String(startPage.headers['set-cookie']?.[0]?.split(';')[0] ?? '');
  return { port, ends, startPage };
}

describe('the forwarder', () => {
  it('starts with its own page, which cuts the opener link and goes to the flow\'s first page on the loopback origin', async () => {
    const { port, startPage: page } = await start();
    expect(proxy?.startUrl).toBe(`http://127.0.0.1:${port}${START_PATH}`);
    expect(page.body).toContain('window.opener=null;');
    expect(page.body).toContain(`location.replace("http://127.0.0.1:${port}/_idp/login?service=x")`);
    const nonce = /'nonce-([^']+)'/.exec(String(page.headers['content-security-policy']))?.[1];
    expect(page.body).toContain(`<script nonce="${nonce}">`);
    expect(page.headers['set-cookie']).toEqual([expect.stringMatching(new RegExp(`^${PASS_COOKIE}=[\\w-]{32}; Path=/; HttpOnly; SameSite=Strict$`))]);
    expect(reached).toEqual([]);
  });

  it('answers only the popup that opened it: the start page once, and nothing without its pass (not even an end)', async () => {
    const watched: string[] = [];
    const { port, ends } = await start((url) => {
      watched.push(url);
      return { kind: 'finished', request: { saml: true, credentialToken: 'forged' } };
    });
    expect((await raw(port, START_PATH)).status).toBe(410);
    expect((await raw(port, START_PATH, { headers: { cookie: '' } })).status).toBe(410);
    for (const cookie of ['', `${PASS_COOKIE}=forged`]) {
      expect((await raw(port, '/saml/x?saml_idp_credentialToken=forged', { headers: { cookie } })).status).toBe(403);
      expect((await raw(port, '/_idp/login', { headers: { cookie } })).status).toBe(403);
    }
    expect([reached, watched, ends]).toEqual([[], [], []]);
    await raw(port, '/_idp/login', { headers: { cookie: `other=1; ${pass}` } });
    expect(reached.at(-1)?.path).toBe('/_idp/login');
  });

  it('forwards the provider\'s page and the server\'s SSO path, moving links and redirects (not the protocol\'s values) to itself', async () => {
    const { port } = await start();
    const local = `http://127.0.0.1:${port}`;
    const form = await raw(port, '/_idp/login?service=x');
    expect(form.body).toContain(`action="${local}/_idp/login"`);
    expect(form.body).toContain(`value="${origin}/_cas/t"`);
    const posted = await raw(port, '/_idp/login', { method: 'POST', body: 'username=bob', headers: { origin: local, 'content-type': 'application/x-www-form-urlencoded' } });
    expect(posted.status).toBe(302);
    expect(posted.headers.location).toBe(`${local}/_cas/t?ticket=ST-1`);
    expect(posted.headers['set-cookie']).toEqual(['IDP=1']);
    expect(reached.at(-1)).toEqual({ method: 'POST', path: '/_idp/login', body: 'username=bob', origin });
  });

  it('forwards nothing else: the server\'s API, socket and home, other hosts, other names, other methods', async () => {
    const { port } = await start();
    for (const path of ['/api/v1/me', '/websocket', '/', '/_saml/../api/v1/me', '/_saml/%2e%2e/api/v1/me', '/_idp/../api/v1/me']) {
      expect((await raw(port, path)).status, path).toBe(404);
    }
    expect((await raw(port, 'http://evil.example/_cas/t')).status).toBe(400);
    expect((await raw(port, '//evil.example/_cas/t')).status).toBe(400);
    expect((await raw(port, '/_cas/t', { host: 'evil.example' })).status).toBe(421);
    expect((await raw(port, '/_cas/t', { host: `localhost:${port}` })).status).toBe(421);
    expect((await raw(port, '/_cas/t', { method: 'PUT' })).status).toBe(405);
    expect((await raw(port, '/_cas/t', { method: 'DELETE' })).status).toBe(405);
    expect(reached).toEqual([]);
  });

  it('ends where the watch says, after the server answered, with a page of its own; then forwards nothing more', async () => {
    const { port, ends } = await start((url) => (url.startsWith(`${origin}/_cas/t?ticket=`) ? { kind: 'finished', request: { cas: { credentialToken: 't' } } } : undefined));
    const end = await raw(port, '/_cas/t?ticket=ST-1');
    expect(reached.map((r) => r.path)).toEqual(['/_cas/t?ticket=ST-1']);
    expect(end.body).toContain('Signed in. You can close this window.');
    expect(ends).toEqual([{ kind: 'finished', request: { cas: { credentialToken: 't' } } }]);
    expect((await raw(port, '/_idp/login')).status).toBe(410);
    expect(reached).toHaveLength(1);
  });

  it('SAML: the address that names the token ends the flow without being forwarded or shown', async () => {
    const { port, ends } = await start((url) => {
      const token = new URL(url).searchParams.get('saml_idp_credentialToken');
      return token ? { kind: 'finished', request: { saml: true, credentialToken: token } } : undefined;
    });
    const end = await raw(port, '/saml/abc?saml_idp_credentialToken=abc');
    expect(reached).toEqual([]);
    expect(end.body).not.toContain('abc');
    expect(ends).toEqual([{ kind: 'finished', request: { saml: true, credentialToken: 'abc' } }]);
  });

  it('OAuth: reads the secret from the server\'s end page and never passes that page on', async () => {
    const { port, ends } = await start((url) => {
      const hash = new URL(url).hash;
      return hash ? { kind: 'finished', request: { oauth: JSON.parse(decodeURIComponent(hash.slice(1))) as object } } : undefined;
    });
    const end = await raw(port, '/_oauth/x?code=1&state=s');
    expect(reached.map((r) => r.path)).toEqual(['/_oauth/x?code=1&state=s']);
    expect(end.body).not.toContain('SECRET');
    expect(ends).toEqual([{ kind: 'finished', request: { oauth: { credentialToken: 't', credentialSecret: 'SECRET' } } }]);
  });

  it('reaches upstream through the fetch it is given (the account\'s network: proxy, trusted certificates)', async () => {
    const through: string[] = [];
    proxy = await startSsoProxy({
      firstUrl: `${origin}/_idp/login`, reach: { serverUrl: origin, providerUrl: `${origin}/_idp/login` }, watch: () => undefined, onEnd: () => undefined,
      fetchImpl: (input, init) => {
        through.push(input instanceof Request ? input.url : input.toString());
        return fetch(input, init);
      },
    });
    const port = Number(new URL(proxy.startUrl).port);
    pass = '';
    pass = String((await raw(port, START_PATH)).headers['set-cookie']?.[0]?.split(';')[0]);
    expect((await raw(port, '/_idp/login', { method: 'POST', body: 'username=bob' })).status).toBe(302);
    expect(through).toEqual([`${origin}/_idp/login`]);
  });

  it('refuses a first page outside the flow\'s reach, and stops answering once closed', async () => {
    await expect(startSsoProxy({ firstUrl: `${origin}/api/v1/me`, reach: { serverUrl: origin }, watch: () => undefined, onEnd: () => undefined })).rejects.toThrow();
    const { port } = await start();
    await proxy?.close();
    await expect(raw(port, '/_idp/login')).rejects.toThrow();
  });
});
