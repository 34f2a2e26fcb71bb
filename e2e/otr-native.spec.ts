// Rocket.Chat's own OTR, through OTR Desk's real UI, with a colleague on the official app (the test peer speaking
// the official web client's OTR over DDP) on a 7.10.0 server; two OTR Desk users on 7.x; nothing native on 8.x.
import { expect, test, type LocalServer } from './fixtures/two-users.js';
import { eventCount } from './fixtures/app-events.js';
import { goPrivate, openVerify, readFingerprint, requestDialog } from './steps/otr.js';
import { aliceAndBobInTheirDirect, expectNeverStored } from './steps/people.js';
import { chooseFromMenu, messageText, openDirect, otrStatus, sendMessage, signIn, waitForPhase } from './steps/ui.js';
import { OfficialPeer } from '../tests/native-peer/official-peer.js';

const NATIVE = 'Private (Rocket.Chat OTR) — cannot be verified';

async function until(check: () => boolean, what: string): Promise<void> {
  await expect.poll(check, { message: what, timeout: 15_000 }).toBe(true);
}

/** alice in OTR Desk, bob on "the official app": alice opens their DM, then bob's app connects to it. */
async function aliceAndOfficialBob(server: LocalServer, openClient: Parameters<Parameters<typeof test>[2]>[0]['openClient']) {
  const alice = await openClient('alice');
  await signIn(alice.page, server.url, 'alice');
  await openDirect(alice.page, 'bob');
  const ids = Object.fromEntries(server.users().map((u) => [u.username, u._id]));
  const roomId = [ids.alice!, ids.bob!].sort().join('');
  const bob = await OfficialPeer.connect(server.url, 'bob', roomId, ids.alice!);
  return { alice, bob };
}

test.describe('with a colleague on the official app (7.10.0)', () => {
  test.use({ serverOptions: { version: '7.10.0' } });

  test('they start → Yes → private both ways with acks → refresh both ways → END both ways, confirmed', async ({ server, openClient }) => {
    const { alice, bob } = await aliceAndOfficialBob(server, openClient);
    try {
      const page = alice.page;
      await bob.start();
      const request = requestDialog(page);
      await expect(request).toContainText('wants to start an encrypted chat. Accept?');
      // Their app waits 10 s, and so does the countdown.
      await expect(request.getByRole('timer')).toHaveText(/^(10|[1-9]) s left$/);
      await request.getByRole('button', { name: 'Yes' }).click();
      await until(() => bob.state === 'ESTABLISHED', 'bob established');
      await expect(otrStatus(page)).toHaveText(NATIVE);

      await sendMessage(page, 'alleen voor bob');
      await until(() => bob.log.received.some((m) => m.text === 'alleen voor bob'), 'bob reads it');
      await expect(page.getByRole('region', { name: 'Messages', exact: true }).getByText('Delivered')).toBeVisible();
      const fromBob = await bob.send('en alleen voor alice');
      await expect(messageText(page, 'en alleen voor alice')).toBeVisible();
      await until(() => bob.log.delivered.includes(fromBob), 'alice acknowledged');

      const verify = page.getByRole('dialog', { name: 'Rocket.Chat OTR cannot be verified' });
      await chooseFromMenu(page, 'Verify');
      await expect(verify).toContainText('no fingerprint to compare');
      await verify.getByRole('button', { name: 'Close' }).click();

      await bob.refresh();
      await until(() => bob.state === 'ESTABLISHED', 'bob refreshed');
      await bob.send('na hun vernieuwing');
      await expect(messageText(page, 'na hun vernieuwing')).toBeVisible();
      await chooseFromMenu(page, 'Refresh keys');
      await expect(otrStatus(page)).toHaveText(NATIVE);
      await sendMessage(page, 'na onze vernieuwing');
      await until(() => bob.log.received.some((m) => m.text === 'na onze vernieuwing'), 'bob reads after our refresh');

      await bob.end();
      const ended = page.getByRole('alertdialog', { name: 'Encrypted chat ended' });
      await ended.getByRole('button', { name: 'OK, end here too' }).click();
      await expect(otrStatus(page)).toHaveText('Not private');

      bob.answer = 'yes';
      await chooseFromMenu(page, 'OTR');
      await until(() => bob.state === 'ESTABLISHED', 'bob accepted');
      await expect(otrStatus(page)).toHaveText(NATIVE);
      await chooseFromMenu(page, 'End OTR');
      await until(() => bob.log.modals.at(-1) === 'Username_ended_the_OTR_session', 'bob told it ended');
      await expect(otrStatus(page)).toHaveText('Not private');
      expectNeverStored(server, 'alleen voor bob', 'en alleen voor alice', 'na hun vernieuwing', 'na onze vernieuwing');
    } finally {
      bob.close();
    }
  });

  test('we start → they decline; again → they let it time out; again → they reload mid-session: lost', async ({ server, openClient }) => {
    const { alice, bob } = await aliceAndOfficialBob(server, openClient);
    try {
      const page = alice.page;
      bob.answer = 'no';
      await chooseFromMenu(page, 'OTR');
      const declined = page.getByRole('dialog', { name: 'Request declined' });
      await expect(declined).toBeVisible();

      bob.answer = 'ignore';
      const since = await eventCount(page);
      await declined.getByRole('button', { name: 'Retry' }).click();
      await waitForPhase(page, 'timed-out', since);
      const timedOut = page.getByRole('dialog', { name: 'No answer' });

      bob.answer = 'yes';
      await timedOut.getByRole('button', { name: 'Retry' }).click();
      await until(() => bob.state === 'ESTABLISHED', 'bob accepted');
      await expect(otrStatus(page)).toHaveText(NATIVE);
      await bob.reload();
      await expect(page.getByText('The encrypted chat was lost; start a new one to continue privately')).toBeVisible();
      await expect(otrStatus(page)).toHaveText('Error');
    } finally {
      bob.close();
    }
  });

  test('two OTR Desk users on the same 7.x server end up in OTR v3, fingerprints shown', async ({ server, openClient }) => {
    const { alice, bob } = await aliceAndBobInTheirDirect(server, openClient);
    await goPrivate(alice.page, bob.page);
    await expect(otrStatus(alice.page)).toHaveText('Private, not verified');
    const screen = await openVerify(alice.page);
    expect(await readFingerprint(screen, "Bob's fingerprint")).toMatch(/^[0-9A-F]{40}$/);
    expect(server.records.otrRelays()).toEqual([]);
  });
});

test('8.0.0: no native event and no t:otr message ever reaches the server', async ({ server, openClient }) => {
  const { alice, bob } = await aliceAndBobInTheirDirect(server, openClient);
  await goPrivate(alice.page, bob.page);
  await sendMessage(alice.page, 'alleen v3');
  await expect(messageText(bob.page, 'alleen v3')).toBeVisible();
  await chooseFromMenu(alice.page, 'End OTR');
  expect(server.records.streamWrites().filter((w) => w.stream === 'stream-notify-user')).toEqual([]);
  expect(server.records.otrRelays()).toEqual([]);
  expect(server.records.messages().some((m) => m.msg.includes('$binary'))).toBe(false);
});
