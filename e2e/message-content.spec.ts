// What real rooms hold, as alice sees it in #general, in English and Dutch: markdown (with an XSS attempt that
// stays words), a system line, bob's edit and deletion arriving live, reactions with who, and a quote that
// brings its original into view. Then the OTR invariant: the server's "edit" of a private message is ignored and
// said. bob acts from outside the app, over plain DDP, as any Rocket.Chat client would.
import type { Page } from '@playwright/test';
import { waitForAppEvent } from './fixtures/app-events.js';
import { actAs } from './fixtures/ddp-poster.js';
import { expect, test, type Language } from './screens/localized-clients.js';
import { openRoom, signIn } from './screens/steps.js';
import { goPrivate } from './steps/otr.js';
import { aliceAndBobInTheirDirect } from './steps/people.js';
import { messageText, sendMessage } from './steps/ui.js';

interface Sent {
  _id: string;
}

function messages(page: Page) {
  return page.locator('.message-scroll');
}

for (const language of ['en', 'nl'] as const satisfies readonly Language[]) {
  test(`${language}: edits, deletions, a system line, reactions, a quote and safe markdown in a channel`, async ({ server, openLocalized }) => {
    const original = server.admin.post('carol', 'general', 'the original plan');
    server.admin.post('bob', 'general', '*Bold* and ~gone~ and `code` <img src=x onerror=alert(1)> [click](javascript:alert(1))');
    server.admin.systemMessage('alice', 'general', 'au', 'carol');
    const link = `${server.url}/channel/general?msg=${original}`;
    server.admin.post('bob', 'general', `[ ](${link}) I agree with this`);

    const alice = await openLocalized('alice', language);
    const { t, page } = alice;
    await signIn(alice, server.url, 'alice');
    await openRoom(alice, 'general');
    // Every room's history waits for the account's first OTR key: seconds, far longer on a loaded machine.
    await waitForAppEvent(page, 'room.opened', {}, { timeout: 90_000 });
    const list = messages(page);

    // A system line, in the user's language, not as a message.
    await expect(list.getByText(t('system.au', { actor: 'alice', target: 'carol' }))).toHaveClass('system-line');
    // Markdown as elements; the HTML and the javascript: link stay inert words.
    await expect(list.locator('strong', { hasText: 'Bold' })).toBeVisible();
    await expect(list.locator('del', { hasText: 'gone' })).toBeVisible();
    await expect(list.getByText('<img src=x onerror=alert(1)>', { exact: false })).toBeVisible();
    await expect(list.locator('img')).toHaveCount(0);
    await expect(list.locator('a[href^="javascript"]')).toHaveCount(0);

    // bob writes, edits and deletes while alice watches.
    const [draft, doomed] = await actAs(server.url, 'bob', async (call) => {
      const rid = ((await call('rooms/get')) as { _id: string; name?: string }[]).find((r) => r.name === 'general')?._id;
      const first = (await call('sendMessage', { rid, msg: 'first draft' })) as Sent;
      const second = (await call('sendMessage', { rid, msg: 'this one will go' })) as Sent;
      return [first, second];
    });
    await expect(list.getByText('this one will go')).toBeVisible();
    await actAs(server.url, 'bob', async (call) => {
      await call('updateMessage', { _id: draft._id, msg: 'final _wording_' });
      await call('deleteMessage', { _id: doomed._id });
    });
    const edited = list.locator(`[data-message-id="${draft._id}"]`);
    await expect(edited.locator('em', { hasText: 'wording' })).toBeVisible();
    await expect(edited.getByText(t('chat.edited'))).toBeVisible();
    await expect(list.getByText('this one will go')).toHaveCount(0);

    // alice reacts; bob does too: the count and who are on the button.
    await edited.getByRole('button', { name: t('chat.addReaction') }).click();
    await edited.getByRole('button', { name: ':thumbsup:' }).click();
    await expect(edited.getByRole('button', { name: `👍 1: ${t('chat.reactedBy', { emoji: ':thumbsup:', names: 'alice' })}` })).toBeVisible();
    await actAs(server.url, 'bob', (call) => call('setReaction', ':thumbsup:', draft._id));
    const both = edited.getByRole('button', { name: `👍 2: ${t('chat.reactedBy', { emoji: ':thumbsup:', names: 'alice, bob' })}` });
    await expect(both).toHaveAttribute('aria-pressed', 'true');

    // The quote shows carol's words; its button brings the original into view, in the app.
    const quote = list.locator('blockquote.message-quote');
    await expect(quote.getByText('carol')).toBeVisible();
    await quote.getByRole('button', { name: t('chat.quoteOpen') }).click();
    await expect(list.locator('.row-highlight').getByText('the original plan')).toBeVisible();
    expect(page.context().pages()).toHaveLength(1);
  });
}

test('in a private chat the server cannot edit what was said, and nothing offers a reaction', async ({ server, openClient }) => {
  const { alice, bob } = await aliceAndBobInTheirDirect(server, openClient);
  await goPrivate(alice.page, bob.page);
  await sendMessage(bob.page, 'only between us');
  await expect(messageText(alice.page, 'only between us')).toBeVisible();

  // bob's own ciphertext on the server, "edited" from outside the app (as a server admin or a script could).
  const carrier = server.records.messages().filter((m) => m.u.username === 'bob' && m.msg.startsWith('?OTR:')).at(-1);
  expect(carrier).toBeDefined();
  await actAs(server.url, 'bob', (call) => call('updateMessage', { _id: carrier?._id, msg: 'rewritten by the server' }));
  await expect(alice.page.getByText('The server changed a private message. Private messages cannot be edited, so the change was ignored.')).toBeVisible();
  await expect(messageText(alice.page, 'only between us')).toBeVisible();
  await expect(alice.page.getByText('rewritten by the server')).toHaveCount(0);
  await expect(alice.page.getByText('(edited)')).toHaveCount(0);
  // Neither the private message nor the plain hello before it can be reacted to while the chat is private.
  await expect(alice.page.getByRole('button', { name: 'Add reaction' })).toHaveCount(0);
});
