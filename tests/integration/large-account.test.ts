// Issue 14's "Done when", honestly: alice is in 150 rooms (100 channels, 50 DMs) on the local server with its
// DEFAULT rate limits, private (real OTR v3) with ten peers. Her network is cut for two real minutes, and her client
// keeps retrying with its own (default, long) backoff. Meanwhile 20 users post 600 messages in 60 rooms from their
// OWN clients — real DDP connections, each from its own address, paced as those clients pace themselves — ten of
// those rooms being the OTR DMs, whose traffic is what the peers' sessions encrypt. Then the network comes back and
// her client reconnects by itself. Asserted per message id. This is the one long test: about 5 minutes on a busy
// 2-core machine — setup ~1.8 min (21 sign-ins, ten handshakes), the 2-minute outage plus up to 30 s of her
// backoff, ~50 s to open the 50 other rooms within the server's 10 loadHistory calls per 10 s.
// The DMs come first (the OTR ones, then the others) without anything opened; channels when opened.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { largeAccount, phaseOf as phase, PER_ROOM, PLAIN_PEERS, sleep, textOf, until, writeWhileAway, type LargeAccount } from '../../bench/lib/large-account.js';
import { cuttableSockets } from '../rocketchat/live-helpers.js';

const OUTAGE_MS = 120_000;
/** Each user's 30 messages are spread over this much of the outage, as people write them. */
const WRITING_MS = 96_000;

let world: LargeAccount;
let net: ReturnType<typeof cuttableSockets>;
const timings: Record<string, number> = {};

beforeAll(async () => {
  const started = Date.now();
  net = cuttableSockets();
  world = await largeAccount(net.factory);
  const rooms = world.alice.rc.rooms();
  expect(rooms.filter((r) => r.type === 'c')).toHaveLength(100);
  expect(rooms.filter((r) => r.type === 'd')).toHaveLength(50);
  timings.setupMs = Date.now() - started;
  Object.assign(timings, world.setup);
}, 240_000);

afterAll(async () => {
  await world?.dispose();
  console.info(`[large-account] ${JSON.stringify(timings)}`);
});

describe('150 rooms, ten OTR sessions, default limits, two minutes offline while 20 people write', () => {
  it('after the reconnect: OTR DMs first, the other DMs at once, channels when opened, each of the 600 messages once, no refusal, every session goes on', async () => {
    const { alice, peers, writers, server } = world;
    const before = new Set(server.records.messages().map((m) => m._id));
    const cutAt = Date.now();
    net.cut();
    await until(() => alice.rc.state().kind === 'reconnecting', 'alice to notice the cut');

    // Everyone writes 10 messages in each of their three rooms, one every ~3 s, rooms taking turns.
    const posted = await writeWhileAway(world, cutAt + 2000, WRITING_MS);
    const busy = writers.flatMap((writer) => writer.rooms);
    expect(busy).toHaveLength(60);
    expect([...posted.values()].flat()).toHaveLength(600);
    const stored = server.records.messages().filter((m) => [...posted.values()].some((ids) => ids.includes(m._id)));
    // Posted by the 20 users themselves, each within the server's limits: not one of their calls was refused.
    expect(new Set(stored.map((m) => m.u.username)).size).toBe(20);
    for (const writer of writers) expect(writer.refused(), `${writer.name}'s refusals`).toBe(0);
    // The OTR DMs hold only OTR data messages (never the plaintext).
    for (const { dm } of peers) for (const m of stored.filter((r) => r.rid === dm.id)) expect(m.msg).toMatch(/^\?OTR:/);

    // Two full minutes without a connection; her client kept trying by itself all along.
    await sleep(cutAt + OUTAGE_MS - Date.now());
    expect(alice.states.filter((s) => s.at > cutAt && s.state.kind === 'online')).toEqual([]);
    net.restore();
    const restoredAt = Date.now();
    const online = await until(() => alice.states.find((s) => s.at > restoredAt && s.state.kind === 'online'), 'alice back online', 45_000);
    timings.offlineMs = online.at - cutAt;
    timings.reconnectAfterRestoreMs = online.at - restoredAt;
    expect(timings.offlineMs).toBeGreaterThanOrEqual(OUTAGE_MS);

    // The DMs with OTR state first, with nothing opened: every private message decrypted once, in order.
    // What her connection delivered of the room since the cut (the handshakes came before it).
    const seen = (roomId: string) => alice.delivered.filter((d) => d.roomId === roomId && !before.has(d.message.id)).map((d) => d.message.id);
    const decrypted = (roomId: string) => alice.messages(roomId).filter((m) => posted.get(roomId)?.includes(m.id));
    await until(() => peers.every(({ dm }) => decrypted(dm.id).length >= PER_ROOM), 'the OTR DMs to be caught up');
    timings.otrDeliveredAfterOnlineMs = Date.now() - online.at;
    for (const { person: peer, dm } of peers) {
      const ids = posted.get(dm.id) ?? [];
      expect(seen(dm.id)).toEqual(ids);
      const shown = decrypted(dm.id);
      expect(shown.map((m) => m.id)).toEqual(ids);
      expect(shown.map((m) => m.text)).toEqual(ids.map((_, i) => textOf(peer.name, dm, i)));
      expect(shown.every((m) => m.kind === 'private' && !m.own)).toBe(true);
    }

    // The other DMs at once too, with nothing opened (a DM without OTR state may hold someone's OTR request),
    // paced by her budget; nothing of the channels yet. The unread counts came with the subscription sync.
    const others = busy.filter((room) => !peers.some(({ dm }) => dm.id === room.id));
    const otherDms = others.filter((room) => room.type === 'd');
    expect(otherDms).toHaveLength(PLAIN_PEERS);
    await until(() => otherDms.every((room) => seen(room.id).length >= PER_ROOM), 'the other DMs to be caught up');
    timings.dmsDeliveredAfterOnlineMs = Date.now() - online.at;
    for (const room of otherDms) expect(seen(room.id), room.name).toEqual(posted.get(room.id));
    for (const room of others.filter((r) => r.type !== 'd')) expect(seen(room.id)).toEqual([]);
    for (const room of otherDms) expect(alice.rc.rooms().find((r) => r.id === room.id)?.unread).toBe(PER_ROOM);

    // Opening each of them delivers what it missed, exactly once, in order, and shows it.
    const openedAt = Date.now();
    for (const room of others) {
      const page = await alice.handlers['rooms.open'](room.id);
      if (!page.ok) throw new Error(`opening ${room.name}: ${JSON.stringify(page.error)}`);
      const ids = posted.get(room.id) ?? [];
      expect(seen(room.id), room.name).toEqual(ids);
      expect(page.value.messages.filter((m) => ids.includes(m.id)).map((m) => m.id)).toEqual(ids);
    }
    timings.openedFiftyRoomsMs = Date.now() - openedAt;
    const all = alice.delivered.map((d) => d.message.id);
    expect(new Set(all).size).toBe(all.length);
    expect(all.filter((id) => [...posted.values()].some((ids) => ids.includes(id)))).toHaveLength(600);

    // Not one refusal, so none left unretried; every session continues, both ways.
    expect(alice.rc.callStats().refused).toBe(0);
    expect(net.received().filter((f) => f.error?.error === 'too-many-requests')).toEqual([]);
    for (const { person: peer, dm } of peers) {
      expect(alice.messages(dm.id).filter((m) => m.notice === 'otr-session-lost')).toEqual([]);
      expect(phase(alice, dm.id)).toBe('private');
      expect((await alice.handlers['chat.send'](dm.id, `alice back to ${peer.name}`)).ok).toBe(true);
      const atPeer = await until(() => peer.messages(dm.id).find((m) => m.text === `alice back to ${peer.name}`), 'alice’s reply');
      expect(atPeer).toMatchObject({ kind: 'private', own: false });
      await peer.handlers['chat.send'](dm.id, `${peer.name} again`);
      const atAlice = await until(() => alice.messages(dm.id).find((m) => m.text === `${peer.name} again`), `${peer.name} again`);
      expect(atAlice).toMatchObject({ kind: 'private', own: false });
    }
    expect(alice.rc.callStats().refused).toBe(0);
  }, 360_000);
});
