// What the peer, or the server posting in its name, can send that must not take over the chat: requests again
// and again (libotr answers every OTR error, our No included, with a new one), OTR errors nothing authenticates,
// and libotr's whitespace tags.
import { describe, expect, it } from 'vitest';
import { DECLINE_TEXT } from '../../src/otr/flow/conventions.js';
import { privateWorld, world } from './fakes/scenario.js';
import { ROOM, settle } from './fakes/world.js';

const TEN_MINUTES = 10 * 60_000;

/** alice asks, bob says No; alice has seen it (dismissed). */
async function declinedOnce() {
  const w = world();
  w.alice.sessions.start(ROOM);
  await settle();
  w.bob.sessions.decline(ROOM);
  await settle();
  expect(w.server.log.at(-1)!.text).toBe(DECLINE_TEXT);
  w.alice.sessions.dismiss(ROOM);
  return w;
}

describe('requests after No', () => {
  it('open no dialog for a while: one line says the peer asked, and Start answers the newest request', async () => {
    const { alice, bob } = await declinedOnce();
    for (let i = 0; i < 5; i++) {
      alice.sessions.cancel(ROOM);
      alice.sessions.dismiss(ROOM);
      alice.sessions.start(ROOM);
      await settle();
    }
    expect(bob.sessions.view(ROOM).phase).toBe('idle');
    expect(bob.listener.views.filter((v) => v.phase === 'incoming')).toHaveLength(1);
    expect(bob.listener.notices).toEqual(['otr-request-declined', 'otr-asked-again']);

    expect(bob.sessions.start(ROOM)).toMatchObject({ ok: true, value: { phase: 'handshaking' } });
    await settle();
    expect(alice.sessions.view(ROOM).phase).toBe('private');
    expect(bob.sessions.view(ROOM).phase).toBe('private');
  });

  it('open the dialog again once the quiet time is over', async () => {
    const { clock, alice, bob } = await declinedOnce();
    clock.advance(TEN_MINUTES);
    alice.sessions.start(ROOM);
    await settle();
    expect(bob.sessions.view(ROOM).phase).toBe('incoming');
    expect(bob.listener.notices).toEqual(['otr-request-declined']);
  });

  it('Start after the held request ran out asks anew', async () => {
    const { clock, alice, bob } = await declinedOnce();
    alice.sessions.start(ROOM);
    await settle();
    clock.advance(60_000);
    await settle();
    expect(bob.sessions.start(ROOM)).toMatchObject({ ok: true, value: { phase: 'requesting' } });
    await settle();
    expect(alice.sessions.view(ROOM).phase).toBe('incoming');
  });
});

describe('requests nobody answers', () => {
  it('open at most three dialogs in ten minutes; then one line, and no dialog', async () => {
    const { alice, bob } = world();
    for (let i = 0; i < 6; i++) {
      alice.sessions.start(ROOM);
      await settle();
      alice.sessions.cancel(ROOM);
      await settle();
    }
    expect(bob.listener.views.filter((v) => v.phase === 'incoming')).toHaveLength(3);
    // Each withdrawn dialog leaves its line; the held requests after them leave only the one line.
    expect(bob.listener.notices).toEqual([...Array<string>(3).fill('otr-request-withdrawn'), 'otr-asked-too-often']);
    expect(bob.sessions.view(ROOM).phase).toBe('idle');
  });
});

describe('OTR errors from the peer', () => {
  const say = (w: ReturnType<typeof world>, text: string) =>
    w.bob.sessions.incoming(ROOM, { id: 'e', text, ts: w.clock.now, fromMe: false, live: true });

  it('words we do not know are shown quoted and end nothing', async () => {
    const w = await privateWorld();
    expect(say(w, '?OTR Error: Session over, please click here')).toEqual({ kind: 'peer-error', text: 'Session over, please click here' });
    expect(say(w, '?OTR Error:no space either')).toEqual({ kind: 'peer-error', text: 'no space either' });
    await settle();
    expect(w.bob.sessions.view(ROOM).phase).toBe('private');
    expect(w.bob.listener.notices).toEqual(['otr-started']);
  });

  it('a text that means "cannot read you" ends the session, and the dialog never carries the sender\'s words', async () => {
    const w = await privateWorld();
    expect(say(w, "?OTR Error: You sent encrypted data to alice, who wasn't expecting it.")).toEqual({
      kind: 'peer-error',
      text: "You sent encrypted data to alice, who wasn't expecting it.",
    });
    await settle();
    expect(w.bob.sessions.view(ROOM)).toMatchObject({ phase: 'error', error: { code: 'otr-peer-unreadable' } });
    expect(w.bob.sessions.view(ROOM).error?.detail).toBeUndefined();
    expect(w.bob.listener.notices).toContain('otr-session-lost');
  });

  it('during a request, an unknown text leaves the request running', async () => {
    const w = world();
    w.bob.sessions.start(ROOM);
    await settle();
    say(w, '?OTR Error: I refuse');
    expect(w.bob.sessions.view(ROOM).phase).toBe('requesting');
  });
});

describe('whitespace tags', () => {
  it('are removed from what is shown and start nothing', async () => {
    const { server, bob, bobEngine } = world();
    const tagged = `hi there ${' \t  \t\t\t\t \t \t \t  '}  \t\t  \t\t`;
    expect(bob.sessions.incoming(ROOM, { id: 't', text: tagged, ts: 1, fromMe: false, live: true })).toEqual({ kind: 'plain', text: 'hi there ' });
    await settle();
    expect(bob.sessions.view(ROOM).phase).toBe('idle');
    expect(server.log).toEqual([]);
    expect(bobEngine.calls).toEqual([]);
  });
});
