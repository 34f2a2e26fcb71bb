// The usual cast: alice and bob, each in their own client, signed in, with their DM open on both screens.
import { expect } from '@playwright/test';
import type { Client, LocalServer } from '../fixtures/two-users.js';
import { messageText, openDirect, openIncomingDirect, sendMessage, signIn } from './ui.js';

export interface Pair {
  alice: Client;
  bob: Client;
}

/** Signs both in; alice starts the DM with a plain hello, bob opens it and sees the hello. */
export async function aliceAndBobInTheirDirect(server: LocalServer, openClient: (name: string) => Promise<Client>): Promise<Pair> {
  const [alice, bob] = await Promise.all([openClient('alice'), openClient('bob')]);
  await Promise.all([signIn(alice.page, server.url, 'alice'), signIn(bob.page, server.url, 'bob')]);
  await openDirect(alice.page, 'bob');
  await sendMessage(alice.page, 'hi bob');
  await openIncomingDirect(bob.page, 'alice');
  await expect(messageText(bob.page, 'hi bob')).toBeVisible();
  return { alice, bob };
}

/** What the server stored, as one text: the place to prove a private message never went out readable. */
export function storedText(server: LocalServer): string {
  return server.records.messages().map((m) => m.msg).join('\n');
}

/** The server holds none of `texts` (the plaintext of private messages) — only OTR wire text in their place. */
export function expectNeverStored(server: LocalServer, ...texts: string[]): void {
  const stored = storedText(server);
  for (const text of texts) expect(stored, 'the server must never hold the plaintext of a private message').not.toContain(text);
}
