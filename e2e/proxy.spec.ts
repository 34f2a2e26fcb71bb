// Issue 16, proxies, through the browser host: started with HTTP_PROXY naming a real tinyproxy, the host signs in
// and chats through it (its log shows the CONNECTs to the server's port); with the proxy down, the sign-in says in
// one sentence that the proxy could not be reached. The OTR conversation through the proxy: tests/net/proxy.live.test.ts.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { staticTranslator as translator } from '../src/renderer/src/i18n/catalogs.js';
import { recordAppEvents, waitForAppEvent } from './fixtures/app-events.js';
import { startHostProcess, type HostProcess } from './fixtures/host-process.js';
import { auditIpc } from './fixtures/ipc-audit.js';
import { freePort, proxyVerdict, startTinyproxy, tinyproxyPath } from './fixtures/tinyproxy.js';
import { expect, test } from './fixtures/two-users.js';

const binary = tinyproxyPath();
const verdict = proxyVerdict(binary, process.env);

async function hostPage(browser: Browser, host: HostProcess) {
  const context = await browser.newContext({ locale: 'en-US' });
  const page = await context.newPage();
  await recordAppEvents(page);
  await page.goto(host.url);
  return { page, close: () => context.close() };
}

async function signIn(page: Page, serverUrl: string, user: string): Promise<void> {
  const t = translator('en');
  await page.getByLabel(t('login.server')).fill(serverUrl);
  await page.getByLabel(t('login.user')).fill(user);
  await page.getByLabel(t('login.password')).fill('demo');
  await page.getByRole('button', { name: t('login.submit') }).click();
}

test('the browser host signs in through HTTP_PROXY, and says so when the proxy is down', async ({ server, browser, workDir }) => {
  test.skip(verdict === 'skip', 'tinyproxy is not installed (apt-get install tinyproxy)');
  expect(verdict, 'CI=true, but tinyproxy is not installed (.ci/run installs it)').toBe('run');
  const proxy = await startTinyproxy(binary ?? '', mkdtempSync(join(tmpdir(), 'otr-desk-e2e-proxy-')));
  const down = `http://127.0.0.1:${await freePort()}`;
  const hosts = [
    await startHostProcess('alice', workDir, undefined, { HTTP_PROXY: proxy.url, NO_PROXY: '' }),
    await startHostProcess('bob', workDir, undefined, { HTTP_PROXY: down, NO_PROXY: '' }),
  ];
  const pages: { close(): Promise<void> }[] = [];
  try {
    const alice = await hostPage(browser, hosts[0] as HostProcess);
    pages.push(alice);
    await signIn(alice.page, server.url, 'alice');
    await waitForAppEvent(alice.page, 'rooms.loaded');
    const tunnels = proxy.log().split('\n').filter((line) => line.includes(`CONNECT 127.0.0.1:${server.port} `));
    expect(tunnels.length).toBeGreaterThanOrEqual(2);

    const bob = await hostPage(browser, hosts[1] as HostProcess);
    pages.push(bob);
    await signIn(bob.page, server.url, 'bob');
    await expect(bob.page.getByRole('alert')).toHaveText("The proxy could not be reached: check your network's proxy settings, then try again.");
  } finally {
    for (const page of pages) await page.close();
    for (const host of hosts) await host.stop();
    await proxy.stop();
    for (const host of hosts) expect.soft(auditIpc(host.auditFile).findings).toEqual([]);
  }
});
