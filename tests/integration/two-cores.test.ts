// Two complete main-process cores (Rocket.Chat client + OTR worker + room sessions), alice and bob, talking
// through the local Rocket.Chat server: start → accept → messages → SMP → end → confirm, without any UI.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventName, EventPayload } from '../../src/contract/events.js';
import type { Message, OtrRoomView } from '../../src/contract/model.js';
import { createAppCore, type AppCore } from '../../src/main/app-core.js';
import { startServer } from '../../server/index.js';

type Server = Awaited<ReturnType<typeof startServer>>;

interface Party {
  core: AppCore;
  events: { name: EventName; payload: unknown }[];
  until<T>(find: () => T | undefined): Promise<T>;
  views(roomId: string): OtrRoomView[];
  messages(roomId: string): Message[];
}

async function party(server: Server, user: string): Promise<Party> {
  const events: { name: EventName; payload: unknown }[] = [];
  let wake: () => void = () => undefined;
  const emit = <K extends EventName>(name: K, payload: EventPayload<K>) => {
    events.push({ name, payload });
    wake();
  };
  const core = await createAppCore({ profileDir: mkdtempSync(join(tmpdir(), `${user}-`)), emit });
  const signedIn = await core.handlers['auth.login']({ serverUrl: server.url, user, password: 'demo' });
  expect(signedIn).toMatchObject({ ok: true, value: { kind: 'signed-in' } });
  const until = async <T,>(find: () => T | undefined): Promise<T> => {
    const deadline = Date.now() + 45_000;
    for (;;) {
      const found = find();
      if (found !== undefined) return found;
      if (Date.now() > deadline) throw new Error(`${user}: waited 45 s in vain`);
      await new Promise<void>((resolve) => {
        wake = resolve;
        setTimeout(resolve, 200);
      });
    }
  };
  const of = <K extends EventName>(name: K) => events.filter((e) => e.name === name).map((e) => e.payload as EventPayload<K>);
  return {
    core,
    events,
    until,
    views: (roomId) => of('otr.changed').filter((v) => v.roomId === roomId),
    messages: (roomId) => of('chat.message').filter((m) => m.roomId === roomId),
  };
}

let server: Server;
let alice: Party;
let bob: Party;
let roomId: string;
const phaseOf = (p: Party) => p.views(roomId).at(-1);

beforeAll(async () => {
  server = await startServer({ port: 0, seed: 'demo' });
  [alice, bob] = await Promise.all([party(server, 'alice'), party(server, 'bob')]);
  const room = await alice.core.handlers['rooms.startDirect']('bob');
  if (!room.ok) throw new Error('no DM');
  roomId = room.value.id;
  await alice.core.handlers['rooms.open'](roomId);
  await bob.until(() => bob.core.rooms().find((r) => r.id === roomId));
  await bob.core.handlers['rooms.open'](roomId);
});

afterAll(async () => {
  await alice?.core.dispose();
  await bob?.core.dispose();
  await server?.close();
});

describe('two cores through the local server', () => {
  it('start → bob is asked → Yes → both private → messages both ways, the server never sees them', async () => {
    expect(await alice.core.handlers['otr.start'](roomId)).toMatchObject({ ok: true, value: { phase: 'requesting' } });
    await bob.until(() => (phaseOf(bob)?.phase === 'incoming' ? true : undefined));
    await bob.core.handlers['otr.accept'](roomId);
    await alice.until(() => (phaseOf(alice)?.phase === 'private' ? true : undefined));
    await bob.until(() => (phaseOf(bob)?.phase === 'private' ? true : undefined));

    await alice.core.handlers['chat.send'](roomId, 'only bob can read this');
    await bob.core.handlers['chat.send'](roomId, 'and only alice this');
    const atBob = await bob.until(() => bob.messages(roomId).find((m) => m.text === 'only bob can read this'));
    const atAlice = await alice.until(() => alice.messages(roomId).find((m) => m.text === 'and only alice this'));
    expect(atBob).toMatchObject({ kind: 'private', own: false });
    expect(atAlice).toMatchObject({ kind: 'private', own: false });
    const stored = server.records.messages().map((m) => m.msg).join('\n');
    expect(stored).not.toContain('only bob can read this');
    expect(stored).not.toContain('and only alice this');
    expect(stored).toContain('?OTR:');
  });

  it('fingerprints match crosswise; SMP with a question verifies both', async () => {
    const a = await alice.core.handlers['otr.fingerprints'](roomId);
    const b = await bob.core.handlers['otr.fingerprints'](roomId);
    if (!a.ok || !b.ok) throw new Error('no fingerprints');
    expect(a.value.peer).toBe(b.value.own);
    expect(b.value.peer).toBe(a.value.own);

    await alice.core.handlers['otr.smpStart'](roomId, { question: 'Where did we meet?', secret: 'Utrecht' });
    const asked = await bob.until(() => bob.views(roomId).find((v) => v.smp?.phase === 'question'));
    expect(asked.smp?.question).toBe('Where did we meet?');
    await bob.core.handlers['otr.smpAnswer'](roomId, 'Utrecht');
    await alice.until(() => (phaseOf(alice)?.verified ? true : undefined));
    await bob.until(() => (phaseOf(bob)?.verified ? true : undefined));
  });

  it('alice ends → bob must confirm, cannot send until then → both back to plaintext', async () => {
    await alice.core.handlers['otr.end'](roomId);
    await bob.until(() => (phaseOf(bob)?.phase === 'ended-by-peer' ? true : undefined));
    expect(await bob.core.handlers['chat.send'](roomId, 'too late?')).toMatchObject({ ok: false });
    expect(server.records.messages().some((m) => m.msg === 'too late?')).toBe(false);
    await bob.core.handlers['otr.confirmEnded'](roomId);
    expect(phaseOf(bob)?.phase).toBe('idle');
    expect(phaseOf(alice)?.phase).toBe('idle');
    await bob.core.handlers['chat.send'](roomId, 'plain again');
    await alice.until(() => alice.messages(roomId).find((m) => m.text === 'plain again' && m.kind === 'text'));
  });
});
