// OTR Desk (a full main-process core) against the official web client's OTR (the test peer), on a 7.10.0 server:
// the flows of issue 17 without the UI, plus two OTR Desk users on 7.x ending up in OTR v3.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { EventName, EventPayload } from '../../src/contract/events.js';
import type { AccountSettings, Message, OtrRoomView } from '../../src/contract/model.js';
import { createAppCore, type AppCore } from '../../src/main/app-core.js';
import { startServer } from '../../server/index.js';
import { OfficialPeer } from '../native-peer/official-peer.js';

type Server = Awaited<ReturnType<typeof startServer>>;

interface Party {
  core: AppCore;
  settings: { update(patch: Partial<AccountSettings>): Promise<void> };
  until<T>(find: () => T | undefined, what: string): Promise<T>;
  view(roomId: string): OtrRoomView | undefined;
  views(roomId: string): OtrRoomView[];
  messages(roomId: string): Message[];
}

async function desk(server: Server, user: string): Promise<Party> {
  const events: { name: EventName; payload: unknown }[] = [];
  let wake: () => void = () => undefined;
  const profileDir = mkdtempSync(join(tmpdir(), `${user}-`));
  const core = await createAppCore({
    profileDir,
    emit: (name, payload) => {
      events.push({ name, payload });
      wake();
    },
  });
  expect(await core.handlers['auth.login']({ serverUrl: server.url, user, password: 'demo' })).toMatchObject({ ok: true });
  const of = <K extends EventName>(name: K) => events.filter((e) => e.name === name).map((e) => e.payload as EventPayload<K>);
  const views = (roomId: string) => of('otr.changed').filter((v) => v.roomId === roomId);
  return {
    core,
    // "Rocket.Chat OTR with official apps" is this account's setting.
    settings: { update: async (patch) => void (await core.handlers['accountSettings.set'](patch)) },
    views,
    view: (roomId) => views(roomId).at(-1),
    messages: (roomId) => {
      // The latest version of each message (statuses are re-sent under the same id).
      const latest = new Map<string, Message>();
      for (const m of of('chat.message')) if (m.roomId === roomId) latest.set(m.id, m);
      return [...latest.values()];
    },
    async until(find, what) {
      const deadline = Date.now() + 20_000;
      for (;;) {
        const found = find();
        if (found !== undefined && found !== false) return found;
        if (Date.now() > deadline) throw new Error(`${user}: waited in vain for ${what}`);
        await new Promise<void>((resolve) => {
          wake = resolve;
          setTimeout(resolve, 100);
        });
      }
    },
  };
}

const waitFor = async (check: () => boolean, what: string): Promise<void> => {
  const deadline = Date.now() + 20_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`waited in vain for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
};

describe('OTR Desk with a colleague on the official app (7.10.0)', () => {
  let server: Server;
  let alice: Party;
  let bob: OfficialPeer;
  let roomId: string;
  const phase = () => alice.view(roomId)?.phase;

  beforeAll(async () => {
    server = await startServer({ seed: 'demo', version: '7.10.0' });
    alice = await desk(server, 'alice');
    const room = await alice.core.handlers['rooms.startDirect']('bob');
    if (!room.ok || !room.value.peer) throw new Error('no DM');
    roomId = room.value.id;
    await alice.core.handlers['rooms.open'](roomId);
    const aliceId = server.users().find((u) => u.username === 'alice')!._id;
    bob = await OfficialPeer.connect(server.url, 'bob', roomId, aliceId);
  });

  afterAll(async () => {
    bob?.close();
    await alice?.core.dispose();
    await server?.close();
  });

  it('the official user starts → the same Yes/No with their 10 s → Yes → both private → messages both ways with acks', async () => {
    const asked = Date.now();
    await bob.start();
    const incoming = await alice.until(() => (phase() === 'incoming' ? alice.view(roomId) : undefined), 'the request');
    const arrived = Date.now();
    expect(incoming).toMatchObject({ protocol: 'rocketchat' });
    // The official app's modal closes 10 s after the request arrives; ours counts from the same moment.
    expect(incoming.expiresAt).toBeGreaterThanOrEqual(asked + 10_000);
    expect(incoming.expiresAt).toBeLessThanOrEqual(arrived + 10_000);
    expect(await alice.core.handlers['otr.accept'](roomId)).toMatchObject({ ok: true });
    await waitFor(() => bob.state === 'ESTABLISHED', 'bob established');
    expect(alice.view(roomId)).toMatchObject({ phase: 'private', protocol: 'rocketchat' });

    const sent = await alice.core.handlers['chat.send'](roomId, 'alleen voor bob');
    expect(sent).toMatchObject({ ok: true, value: { kind: 'private' } });
    await waitFor(() => bob.log.received.some((m) => m.text === 'alleen voor bob'), 'bob reads alice');
    await alice.until(() => alice.messages(roomId).find((m) => m.text === 'alleen voor bob' && m.status === 'delivered'), 'the ack');

    const id = await bob.send('en alleen voor alice');
    await alice.until(() => alice.messages(roomId).find((m) => m.text === 'en alleen voor alice' && m.kind === 'private' && !m.own), 'alice reads bob');
    await waitFor(() => bob.log.delivered.includes(id), 'bob sees the ack');

    const stored = server.records.messages().map((m) => m.msg).join('\n');
    expect(stored).not.toContain('alleen voor');
    expect(server.records.messages().some((m) => m.msg.includes('$binary'))).toBe(false);
    expect(server.records.otrRelays().length).toBeGreaterThanOrEqual(2);
  });

  it('refresh keys both ways keeps the chat private and readable', async () => {
    await bob.refresh();
    await waitFor(() => bob.state === 'ESTABLISHED', 'bob re-established');
    await alice.until(() => alice.views(roomId).length > 0 && phase() === 'private' ? true : undefined, 'still private');
    const id = await bob.send('na de vernieuwing');
    await alice.until(() => alice.messages(roomId).find((m) => m.text === 'na de vernieuwing'), 'read after bob refreshed');
    await waitFor(() => bob.log.delivered.includes(id), 'ack after refresh');

    expect(await alice.core.handlers['otr.refresh'](roomId)).toMatchObject({ ok: true });
    await alice.until(() => (phase() === 'private' ? true : undefined), 'private after our refresh');
    await alice.core.handlers['chat.send'](roomId, 'na onze vernieuwing');
    await waitFor(() => bob.log.received.some((m) => m.text === 'na onze vernieuwing'), 'bob reads after our refresh');
  });

  it('END OTR by the official user → OTR Desk says so and asks to confirm; then END from OTR Desk', async () => {
    await bob.end();
    await alice.until(() => (phase() === 'ended-by-peer' ? true : undefined), 'ended by peer');
    expect(await alice.core.handlers['chat.send'](roomId, 'te laat')).toMatchObject({ ok: false });
    await alice.core.handlers['otr.confirmEnded'](roomId);
    expect(phase()).toBe('idle');

    bob.answer = 'yes';
    await alice.core.handlers['otr.start'](roomId);
    await waitFor(() => bob.state === 'ESTABLISHED', 'bob accepted our request');
    await alice.until(() => (phase() === 'private' ? true : undefined), 'private again');
    await alice.core.handlers['otr.end'](roomId);
    await waitFor(() => bob.state === 'NOT_STARTED' && bob.log.modals.at(-1) === 'Username_ended_the_OTR_session', 'bob told');
  });

  it('OTR Desk starts → the official user declines', async () => {
    bob.answer = 'no';
    await alice.core.handlers['otr.start'](roomId);
    await alice.until(() => (phase() === 'declined' ? true : undefined), 'declined');
    await alice.core.handlers['otr.dismiss'](roomId);
  });

  it('the official user reloads mid-session → OTR Desk reports the session lost', async () => {
    bob.answer = 'yes';
    await alice.core.handlers['otr.start'](roomId);
    await alice.until(() => (phase() === 'private' ? true : undefined), 'private');
    await bob.reload();
    const lost = await alice.until(() => (phase() === 'error' ? alice.view(roomId) : undefined), 'session lost');
    expect(lost.error?.code).toBe('otr-peer-unreadable');
    expect(alice.messages(roomId).some((m) => m.kind === 'notice' && m.notice === 'otr-session-lost')).toBe(true);
    await alice.core.handlers['otr.dismiss'](roomId);
  });

  it('with "Rocket.Chat OTR with official apps" off, their request asks nothing (their app times out by itself)', async () => {
    await alice.settings.update({ nativeOtr: false });
    try {
      const before = alice.views(roomId).length;
      bob.answer = 'yes';
      await bob.start();
      // The server delivers bob's events in order: once his next message is here, his request was seen and ignored.
      await bob.send('na mijn verzoek');
      await alice.until(() => alice.messages(roomId).find((m) => m.text === 'na mijn verzoek'), 'the plain message');
      expect(alice.views(roomId).slice(before).some((v) => v.phase === 'incoming')).toBe(false);
      expect(phase()).not.toBe('incoming');
    } finally {
      await alice.settings.update({ nativeOtr: true });
    }
  });

  it('OTR Desk starts → the official user lets it time out after 10 s', async () => {
    bob.answer = 'ignore';
    await alice.core.handlers['otr.start'](roomId);
    await alice.until(() => (phase() === 'timed-out' ? true : undefined), 'timed out');
  }, 30_000);
});

describe('two OTR Desk users on the same 7.x server', () => {
  let server: Server;
  let alice: Party;
  let bob: Party;
  let roomId: string;

  beforeAll(async () => {
    server = await startServer({ seed: 'demo', version: '7.10.0' });
    [alice, bob] = await Promise.all([desk(server, 'alice'), desk(server, 'bob')]);
    const room = await alice.core.handlers['rooms.startDirect']('bob');
    if (!room.ok) throw new Error('no DM');
    roomId = room.value.id;
    await alice.core.handlers['rooms.open'](roomId);
    await bob.until(() => bob.core.rooms().find((r) => r.id === roomId), 'the DM');
    await bob.core.handlers['rooms.open'](roomId);
  });

  afterAll(async () => {
    await alice?.core.dispose();
    await bob?.core.dispose();
    await server?.close();
  });

  it('end up in OTR v3 with fingerprints, after one Yes', async () => {
    await alice.core.handlers['otr.start'](roomId);
    await bob.until(() => (bob.view(roomId)?.phase === 'incoming' ? true : undefined), 'the request');
    await bob.core.handlers['otr.accept'](roomId);
    await alice.until(() => (alice.view(roomId)?.phase === 'private' ? true : undefined), 'alice private');
    await bob.until(() => (bob.view(roomId)?.phase === 'private' ? true : undefined), 'bob private');
    expect(alice.view(roomId)?.protocol).toBeUndefined();
    expect(alice.view(roomId)?.peerFingerprint).toMatch(/^[0-9A-F]{40}$/);
    // Bob was asked once: the OTR v3 request after the native one was answered by alice's core itself.
    expect(bob.views(roomId).filter((v) => v.phase === 'incoming')).toHaveLength(1);
    expect(alice.views(roomId).some((v) => v.phase === 'incoming')).toBe(false);
    await alice.core.handlers['chat.send'](roomId, 'v3 between desks');
    await bob.until(() => bob.messages(roomId).find((m) => m.text === 'v3 between desks' && m.kind === 'private'), 'v3 message');
    expect(server.records.otrRelays()).toEqual([]);
  });
});

describe('8.0.0, or 7.x with OTR_Enable off: nothing native is ever sent', () => {
  it.each([
    ['8.0.0', {}],
    ['7.10.0 with OTR_Enable false', { version: '7.10.0', otrEnable: false }],
  ])('%s: start uses OTR v3 only; the server saw no <uid>/otr write and no t:otr message', async (_name, options) => {
    const server = await startServer({ seed: 'demo', ...options });
    const alice = await desk(server, 'alice');
    try {
      const room = await alice.core.handlers['rooms.startDirect']('bob');
      if (!room.ok) throw new Error('no DM');
      await alice.core.handlers['rooms.open'](room.value.id);
      expect(await alice.core.handlers['otr.start'](room.value.id)).toMatchObject({ ok: true, value: { phase: 'requesting' } });
      expect(alice.view(room.value.id)?.protocol).toBeUndefined();
      await alice.until(() => server.records.messages().some((m) => m.msg.startsWith('?OTRv3?')), 'the v3 query');
      await alice.core.handlers['otr.cancel'](room.value.id);
      expect(server.records.streamWrites().filter((w) => w.stream === 'stream-notify-user')).toEqual([]);
      expect(server.records.messages().some((m) => m.msg.includes('$binary'))).toBe(false);
      expect(server.records.otrRelays()).toEqual([]);
    } finally {
      await alice.core.dispose();
      await server.close();
    }
  });
});
