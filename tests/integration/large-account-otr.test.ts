// Issue 14's "Done when" with REAL OTR v3 sessions: alice (150 rooms: 100 channels, 50 DMs) is private with ten
// peers, each a complete core of its own, on the local server with its DEFAULT rate limits. Her network is cut;
// while she is away the peers send private messages in their sessions and other users post in other rooms; then
// she comes back. The two minutes offline are compressed: nothing in the client or server measures the outage's
// length (no session timeout exists in OTR v3 or in the server), only what was stored while she was away counts.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventName, EventPayload, EventSink } from '../../src/contract/events.js';
import type { ChatHandlers } from '../../src/main/chat/service.js';
import type { Message, OtrRoomView } from '../../src/contract/model.js';
import { createAppCore } from '../../src/main/app-core.js';
import { OtrAccount } from '../../src/main/chat/otr-account.js';
import { ChatService } from '../../src/main/chat/service.js';
import { createRocketChatClient } from '../../src/main/rocketchat/index.js';
import type { RocketChatClient } from '../../src/main/rocketchat/types.js';
import { openAccountSettings } from '../../src/main/settings-store.js';
import { FileSecretStore } from '../../src/main/storage/file-secret-store.js';
import { createWorkerEngine } from '../../src/otr/engine/index.js';
import { startServer, type LocalServer } from '../../server/index.js';
import { cuttableSockets, fastOptions } from '../rocketchat/live-helpers.js';

const PEERS = 10;
const PRIVATE_PER_PEER = 5;
const PLAIN_CHANNELS = 20;
const PLAIN_PER_CHANNEL = 10;

interface Party {
  name: string;
  handlers: ChatHandlers;
  dispose(): Promise<unknown>;
  until<T>(find: () => T | undefined, what: string): Promise<T>;
  views(roomId: string): OtrRoomView[];
  messages(roomId: string): Message[];
}

function recorder(name: string) {
  const events: { name: EventName; payload: unknown }[] = [];
  let wake: () => void = () => undefined;
  const emit: EventSink = (event, payload) => {
    events.push({ name: event, payload });
    wake();
  };
  const of = <K extends EventName>(event: K) => events.filter((e) => e.name === event).map((e) => e.payload as EventPayload<K>);
  return {
    emit,
    until: async <T,>(find: () => T | undefined, what: string): Promise<T> => {
      const deadline = Date.now() + 30_000;
      for (;;) {
        const found = find();
        if (found !== undefined) return found;
        if (Date.now() > deadline) throw new Error(`${name}: waited 30 s in vain for ${what}`);
        await new Promise<void>((resolve) => {
          wake = resolve;
          setTimeout(resolve, 200);
        });
      }
    },
    views: (roomId: string) => of('otr.changed').filter((v) => v.roomId === roomId),
    messages: (roomId: string) => of('chat.message').filter((m) => m.roomId === roomId),
  };
}

/** A peer: exactly the core the app builds. */
async function peer(server: LocalServer, user: string): Promise<Party> {
  const rec = recorder(user);
  const core = await createAppCore({ profileDir: mkdtempSync(join(tmpdir(), `${user}-`)), emit: rec.emit });
  // Eleven people signing in within a minute all come from 127.0.0.1 here, so the REST limiter's per-address
  // login budget (10 per minute, as real servers ship it) refuses the eleventh; a real server would see eleven
  // addresses. The refused one waits the server's retry time and signs in again, as the sign-in screen tells a user.
  let signedIn = await core.handlers['auth.login']({ serverUrl: server.url, user, password: 'demo' });
  if (!signedIn.ok && signedIn.error.code === 'rate-limited' && signedIn.error.retryAt !== undefined) {
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, (signedIn.ok ? 0 : signedIn.error.retryAt ?? 0) - Date.now()) + 50));
    signedIn = await core.handlers['auth.login']({ serverUrl: server.url, user, password: 'demo' });
  }
  if (!signedIn.ok) throw new Error(`${user}: ${JSON.stringify(signedIn.error)}`);
  expect(signedIn).toMatchObject({ ok: true, value: { kind: 'signed-in' } });
  return { name: user, handlers: core.handlers, dispose: () => core.dispose(), ...rec };
}

/** Alice: the same pieces createAppCore wires, but on a network the test can cut, and her client's call counts in reach. */
async function alice(server: LocalServer, net: ReturnType<typeof cuttableSockets>): Promise<Party & { rc: RocketChatClient }> {
  const rec = recorder('alice');
  const profileDir = mkdtempSync(join(tmpdir(), 'alice-'));
  const secrets = new FileSecretStore(join(profileDir, 'secrets'));
  const settings = await openAccountSettings(profileDir);
  const rc = createRocketChatClient({ secrets, logger: console, openSocket: net.factory, options: fastOptions });
  const otr = new OtrAccount({ engine: createWorkerEngine(), secrets, settings, emit: rec.emit });
  const service = new ChatService({ rc, otr, emit: rec.emit });
  const signedIn = await service.handlers['auth.login']({ serverUrl: server.url, user: 'alice', password: 'demo' });
  expect(signedIn).toMatchObject({ ok: true, value: { kind: 'signed-in' } });
  return { name: 'alice', handlers: service.handlers, dispose: () => service.dispose(), rc, ...rec };
}

let server: LocalServer;
let net: ReturnType<typeof cuttableSockets>;
let me: Awaited<ReturnType<typeof alice>>;
let peers: { party: Party; roomId: string }[] = [];
const phase = (p: Party, roomId: string) => p.views(roomId).at(-1)?.phase;

beforeAll(async () => {
  // Default limits: no `noRateLimits`. The rooms are seeded through the admin side, as an import would.
  server = await startServer({ port: 0, seed: 'demo', seedRooms: 99 });
  net = cuttableSockets();
  me = await alice(server, net);
  const rooms = me.rc.rooms();
  expect(rooms.filter((r) => r.type === 'c')).toHaveLength(100);
  expect(rooms.filter((r) => r.type === 'd')).toHaveLength(50);
  const parties = await Promise.all(Array.from({ length: PEERS }, (_, i) => peer(server, `user-${i + 1}`)));
  peers = parties.map((party) => {
    const room = rooms.find((r) => r.type === 'd' && r.name === party.name);
    if (!room) throw new Error(`no DM with ${party.name}`);
    return { party, roomId: room.id };
  });
  // Each peer goes private with alice (she answers each request as it comes), one after another as people would.
  for (const { party, roomId } of peers) {
    await party.handlers['rooms.open'](roomId);
    expect(await party.handlers['otr.start'](roomId)).toMatchObject({ ok: true });
    await me.until(() => (phase(me, roomId) === 'incoming' ? true : undefined), `the request of ${party.name}`);
    await me.handlers['otr.accept'](roomId);
    await me.until(() => (phase(me, roomId) === 'private' ? true : undefined), `private with ${party.name}`);
    await party.until(() => (phase(party, roomId) === 'private' ? true : undefined), `${party.name} private`);
  }
}, 150_000);

afterAll(async () => {
  for (const { party } of peers) await party.dispose();
  await me?.dispose();
  await server?.close();
});

describe('150 rooms, ten OTR sessions, default limits, a network outage', () => {
  it('every private message sent while alice was away is shown decrypted once, in order; no refusal; sessions go on both ways', async () => {
    net.cut();
    await me.until(() => (me.rc.state().kind === 'reconnecting' ? true : undefined), 'alice to notice the cut');

    // While she is away: the peers write in their sessions (through their own clients, so under the limiter), and
    // bob and carol post plain traffic in 20 channels (through the admin side, to keep the run short).
    const before = new Set(server.records.messages().map((m) => m._id));
    await Promise.all(
      peers.map(async ({ party, roomId }) => {
        for (let i = 0; i < PRIVATE_PER_PEER; i++) {
          const result = await party.handlers['chat.send'](roomId, `${party.name} secret ${i}`);
          if (!result.ok) throw new Error(`${party.name} could not send: ${JSON.stringify(result.error)}`);
        }
      }),
    );
    // The ids are the server's: each private message is one OTR data message stored in the DM while alice is away.
    const sent = new Map<string, string[]>();
    for (const { party, roomId } of peers) {
      const ids = await party.until(() => {
        const found = server.records.messages().filter((m) => m.rid === roomId && !before.has(m._id));
        return found.length === PRIVATE_PER_PEER ? found.map((m) => m._id) : undefined;
      }, `${party.name}'s sends to be stored`);
      sent.set(roomId, ids);
    }
    const channels = me.rc.rooms().filter((r) => r.type === 'c' && r.name.startsWith('room-')).slice(0, PLAIN_CHANNELS);
    for (let round = 0; round < PLAIN_PER_CHANNEL; round++) {
      channels.forEach((room, index) => server.admin.post(index % 2 === 0 ? 'bob' : 'carol', room.id, `plain ${round}`));
    }
    // Every peer's send is stored on the server (as OTR data, never the plaintext) before alice returns.
    const ids = new Set([...sent.values()].flat());
    for (const record of server.records.messages().filter((m) => ids.has(m._id))) expect(record.msg).toMatch(/^\?OTR:/);

    net.restore();
    me.rc.reconnectNow();

    // Expected: every session CONTINUES. Alice's OTR state lives in her process and was never torn down; the server
    // kept the data messages in order, and her catch-up hands the DMs with OTR state over first and once each, so
    // each decrypts with the keys it was made for. A "session lost" notice here would be a defect.
    for (const { party, roomId } of peers) {
      const expected = sent.get(roomId) ?? [];
      await me.until(() => (expected.every((id) => me.messages(roomId).some((m) => m.id === id)) ? true : undefined), `what ${party.name} sent`);
    }
    for (const { party, roomId } of peers) {
      const ids = sent.get(roomId) ?? [];
      const shown = me.messages(roomId).filter((m) => ids.includes(m.id));
      expect(shown.map((m) => m.id)).toEqual(ids);
      expect(shown.map((m) => m.text)).toEqual(ids.map((_, i) => `${party.name} secret ${i}`));
      expect(shown.every((m) => m.kind === 'private' && !m.own)).toBe(true);
      expect(me.messages(roomId).filter((m) => m.notice === 'otr-session-lost')).toEqual([]);
      expect(phase(me, roomId)).toBe('private');
    }
    expect(me.rc.callStats().refused).toBe(0);
    expect(net.received().filter((f) => f.error?.error === 'too-many-requests')).toEqual([]);

    // The sessions still work both ways.
    for (const { party, roomId } of peers) {
      const back = await me.handlers['chat.send'](roomId, `alice back to ${party.name}`);
      expect(back.ok).toBe(true);
      const atPeer = await party.until(() => party.messages(roomId).find((m) => m.text === `alice back to ${party.name}`), 'alice’s reply');
      expect(atPeer).toMatchObject({ kind: 'private', own: false });
      await party.handlers['chat.send'](roomId, `${party.name} again`);
      const atAlice = await me.until(() => me.messages(roomId).find((m) => m.text === `${party.name} again`), `${party.name} again`);
      expect(atAlice).toMatchObject({ kind: 'private', own: false });
    }
    expect(me.rc.callStats().refused).toBe(0);
  }, 90_000);
});
