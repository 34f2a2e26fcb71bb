// Issue 16, company certificates, through the browser host against the local server with --tls: a certificate
// the system does not trust opens the dialog (host + SHA-256), Trust pins it and signing in works; a re-issued
// certificate asks again in words that say it changed; revoking the pin in Settings asks again; in Dutch the
// same dialog speaks Dutch; with the test CA in NODE_EXTRA_CA_CERTS nothing is asked at all.
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import type { ServerTls } from '../server/index.js';
import type { Translate } from '../src/renderer/src/i18n/index.js';
import { staticTranslator as translator } from '../src/renderer/src/i18n/catalogs.js';
import { recordAppEvents, waitForAppEvent } from './fixtures/app-events.js';
import { startHostProcess } from './fixtures/host-process.js';
import { auditIpc } from './fixtures/ipc-audit.js';
import type { LocalServer } from './fixtures/two-users.js';
import { expect, test } from './screens/localized-clients.js';

// The test CA is made once per worker and kept for its tests, like a company's.
const caDir = join(tmpdir(), `otr-desk-e2e-ca-${process.pid}`);
test.use({ serverOptions: { tlsDir: caDir } });
test.afterAll(() => rm(caDir, { recursive: true, force: true }));

async function submitSignIn(page: Page, t: Translate, serverUrl: string, user: string): Promise<void> {
  await page.getByLabel(t('login.server')).fill(serverUrl);
  await page.getByLabel(t('login.user')).fill(user);
  await page.getByLabel(t('login.password')).fill('demo');
  await page.getByRole('button', { name: t('login.submit') }).click();
}

function serverTls(server: LocalServer): ServerTls {
  if (!server.tls) throw new Error('the server runs without --tls');
  return server.tls;
}

test('an unknown certificate is asked about, pinned on Trust, asked again when it changes or the pin is revoked', async ({ server, openLocalized }) => {
  const tls = serverTls(server);
  const host = new URL(server.url).host;
  const { page, t } = await openLocalized('alice', 'en');
  await submitSignIn(page, t, server.url, 'alice');

  const ask = page.getByRole('alertdialog', { name: 'Trust this certificate?' });
  await expect(ask).toContainText(`${host} presents a certificate that this computer does not trust.`);
  await expect(ask).toContainText(tls.certificateFingerprint());
  await expect(ask).toContainText('OTR Desk test CA');
  await expect(page.getByRole('alert')).toHaveText("The server's certificate is not trusted: check it in the window that opened, then sign in again.");
  await ask.getByRole('button', { name: 'Trust' }).click();
  await expect(ask).toBeHidden();
  await page.getByRole('button', { name: 'Sign in' }).click();
  await waitForAppEvent(page, 'rooms.loaded');
  // Online for good (subscriptions ready) before the server changes anything.
  await waitForAppEvent(page, 'session.changed', { connection: 'online' });

  // The server presents a new certificate; the reconnecting client asks again, saying it changed.
  const changed = tls.reissueCertificate();
  server.faults.dropAllSockets();
  const again = page.getByRole('alertdialog', { name: "The server's certificate has changed" });
  await expect(again).toContainText(changed);
  await expect(again).toContainText('presents a different certificate from the one you trusted');
  const since = await page.evaluate(() => window.__otrdeskEvents?.length ?? 0);
  await again.getByRole('button', { name: 'Trust' }).click();
  await waitForAppEvent(page, 'session.changed', { connection: 'online' }, { since });

  // Revoked in Settings: the next connection asks again (as an unknown certificate, not a changed one).
  await page.getByRole('button', { name: 'Settings' }).click();
  const settings = page.getByRole('main', { name: 'Settings' });
  await expect(settings.getByRole('region', { name: 'Certificates you trusted' })).toContainText(changed);
  await settings.getByRole('button', { name: `Revoke the certificate of ${host}` }).click();
  await expect(settings.getByText('You have not trusted any certificate by hand.')).toBeVisible();
  server.faults.dropAllSockets();
  const revoked = page.getByRole('alertdialog', { name: 'Trust this certificate?' });
  await expect(revoked).toContainText(changed);
  await revoked.getByRole('button', { name: 'Cancel' }).click();
  await expect(revoked).toBeHidden();
});

test('in Dutch the dialog and the sign-in sentence speak Dutch', async ({ server, openLocalized }) => {
  const tls = serverTls(server);
  const { page, t } = await openLocalized('bob', 'nl');
  await submitSignIn(page, t, server.url, 'bob');
  const ask = page.getByRole('alertdialog', { name: 'Dit certificaat vertrouwen?' });
  await expect(ask).toContainText('toont een certificaat dat deze computer niet vertrouwt');
  await expect(ask).toContainText('Vingerafdruk (SHA-256)');
  await expect(ask).toContainText(tls.certificateFingerprint());
  await expect(page.getByRole('alert')).toHaveText('Het certificaat van de server wordt niet vertrouwd: controleer het in het venster dat openging en meld je dan opnieuw aan.');
  await ask.getByRole('button', { name: 'Vertrouwen' }).click();
  await page.getByRole('button', { name: t('login.submit') }).click();
  await waitForAppEvent(page, 'rooms.loaded');
});

test('with the company CA in NODE_EXTRA_CA_CERTS the host connects without asking', async ({ server, browser, workDir }) => {
  const tls = serverTls(server);
  const host = await startHostProcess('carol', workDir, undefined, { NODE_EXTRA_CA_CERTS: tls.caFile });
  const context = await browser.newContext({ locale: 'en-US' });
  try {
    const page = await context.newPage();
    await recordAppEvents(page);
    await page.goto(host.url);
    await submitSignIn(page, translator('en'), server.url, 'carol');
    await waitForAppEvent(page, 'rooms.loaded');
    await expect(page.getByRole('alertdialog')).toHaveCount(0);
  } finally {
    await context.close();
    await host.stop();
    expect.soft(auditIpc(host.auditFile).findings).toEqual([]);
  }
});
