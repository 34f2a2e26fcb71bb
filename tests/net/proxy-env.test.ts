// Which proxy the browser host and the Node core use: HTTPS_PROXY for https/wss, HTTP_PROXY for http/ws, in
// either case, except for the hosts NO_PROXY names — as curl reads them.
import { describe, expect, it } from 'vitest';
import { envProxyResolver } from '../../src/main/net/proxy.js';

describe('envProxyResolver', () => {
  it('picks HTTPS_PROXY for https and wss, HTTP_PROXY for http and ws, lower case too', async () => {
    const resolve = envProxyResolver({ HTTPS_PROXY: 'http://secure:3128', http_proxy: 'plain:8080' });
    expect(await resolve('https://chat.example.org/')).toBe('http://secure:3128');
    expect(await resolve('wss://chat.example.org/websocket')).toBe('http://secure:3128');
    expect(await resolve('http://localhost:3000/')).toBe('http://plain:8080');
    expect(await resolve('ws://localhost:3000/websocket')).toBe('http://plain:8080');
    expect(await envProxyResolver({})('https://chat.example.org/')).toBeUndefined();
  });

  it('connects directly to what NO_PROXY names: exact hosts, domains, ports and *', async () => {
    const resolve = envProxyResolver({ HTTPS_PROXY: 'http://proxy:3128', NO_PROXY: 'intranet.example, .corp.example,other.example:8443' });
    expect(await resolve('https://intranet.example/')).toBeUndefined();
    expect(await resolve('https://chat.corp.example/')).toBeUndefined();
    expect(await resolve('https://other.example:8443/')).toBeUndefined();
    expect(await resolve('https://other.example/')).toBe('http://proxy:3128');
    expect(await resolve('https://notintranet.example/')).toBe('http://proxy:3128');
    expect(await envProxyResolver({ HTTPS_PROXY: 'http://proxy:3128', no_proxy: '*' })('https://chat.example.org/')).toBeUndefined();
  });
});
