// Issue 14's large account, shared by its "Done when" test (tests/integration/large-account.test.ts) and the
// bench's catch-up row: alice in 150 rooms (100 channels, 50 DMs) on the local server with its DEFAULT rate limits,
// private (real OTR v3) with user-1 … user-10, and 20 people who write in 60 of her rooms from their OWN clients —
// each its own DDP connection from its own address, paced as that client paces itself.
import { mkdtempSync } from 'node:fs';
import { connect, createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventName, EventPayload, EventSink } from '../../src/contract/events.js';
import type { ConnectionState, Message, OtrRoomView, Room } from '../../src/contract/model.js';
import { OtrAccount } from '../../src/main/chat/otr-account.js';
import { ChatService, type ChatHandlers } from '../../src/main/chat/service.js';
import { createRocketChatClient } from '../../src/main/rocketchat/index.js';
import type { SocketFactory } from '../../src/main/rocketchat/socket.js';
import type { RcMessage, RocketChatClient } from '../../src/main/rocketchat/types.js';
import { openAccountSettings } from '../../src/main/settings-store.js';
import { FileSecretStore } from '../../src/main/storage/file-secret-store.js';
import { createWorkerEngine } from '../../src/otr/engine/index.js';
import { startServer, type LocalServer } from '../../server/index.js';
import { MemorySecrets } from './memory-secrets.js';

export const OTR_PEERS = 10;
export const PLAIN_PEERS = 8;
export const PER_ROOM = 10;
/** Ten handshakes at once share alice's sendMessage budget (and a busy machine): each may take a while. */
const HANDSHAKE_LIMIT_MS = 150_000;

const quiet = { warn: () => undefined, error: () => undefined, info: () => undefined };
export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

export async function until<T>(find: () => T | undefined, what: string, limitMs = 60_000): Promise<T> {
  const deadline = Date.now() + limitMs;
  for (;;) {
    const found = find();
    if (found !== undefined && found !== false) return found;
    if (Date.now() > deadline) throw new Error(`waited ${limitMs / 1000} s in vain for ${what}`);
    await sleep(50);
  }
}

/**
 * One person's own network path: a relay on loopback whose connections reach `server` from `address` (any
 * 127.x.y.z is this machine), so the server counts that person's sign-ins and calls under an address of their own,
 * as it would for someone on another machine. `url` is what that person signs in to.
 */
export async function ownAddress(server: LocalServer, address: string): Promise<{ url: string; close(): Promise<void> }> {
  const target = new URL(server.url);
  const open = new Set<{ destroy(): void }>();
  const relay = createServer((inbound) => {
    const outbound = connect({ host: target.hostname, port: Number(target.port), localAddress: address });
    inbound.pipe(outbound).pipe(inbound);
    inbound.on('error', () => outbound.destroy());
    outbound.on('error', () => inbound.destroy());
    inbound.on('close', () => outbound.destroy());
    outbound.on('close', () => inbound.destroy());
    open.add(inbound).add(outbound);
  });
  await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(relay.address() as AddressInfo).port}`,
    close: () => {
      for (const socket of open) socket.destroy();
      return new Promise((resolve) => relay.close(() => resolve()));
    },
  };
}

/** One person's app: the pieces createAppCore wires (connection, OTR account, chat service), with what it showed. */
export interface Person {
  name: string;
  rc: RocketChatClient;
  handlers: ChatHandlers;
  /** Every message the connection delivered (live or caught up), in order. */
  delivered: { roomId: string; message: RcMessage }[];
  states: { at: number; state: ConnectionState }[];
  views(roomId: string): OtrRoomView[];
  messages(roomId: string): Message[];
  dispose(): Promise<unknown>;
}

export async function person(serverUrl: string, user: string, openSocket?: SocketFactory): Promise<Person> {
  const events: { name: EventName; payload: unknown }[] = [];
  const emit: EventSink = (name, payload) => void events.push({ name, payload });
  const of = <K extends EventName>(name: K) => events.filter((e) => e.name === name).map((e) => e.payload as EventPayload<K>);
  const profileDir = mkdtempSync(join(tmpdir(), `${user}-`));
  const secrets = new FileSecretStore(join(profileDir, 'secrets'));
  // The client's own default options: its long reconnect backoff (up to 30 s) included.
  const rc = createRocketChatClient({ secrets, logger: quiet, ...(openSocket ? { openSocket } : {}) });
  const otr = new OtrAccount({ engine: createWorkerEngine(), secrets, settings: await openAccountSettings(profileDir), emit });
  const service = new ChatService({ rc, otr, emit });
  const delivered: Person['delivered'] = [];
  rc.onMessage((roomId, message) => delivered.push({ roomId, message }));
  const states: Person['states'] = [];
  rc.onState((state) => states.push({ at: Date.now(), state }));
  const signedIn = await service.handlers['auth.login']({ serverUrl, user, password: 'demo' });
  if (!signedIn.ok || signedIn.value.kind !== 'signed-in') throw new Error(`${user} could not sign in: ${JSON.stringify(signedIn)}`);
  return {
    name: user,
    rc,
    handlers: service.handlers,
    delivered,
    states,
    views: (roomId) => of('otr.changed').filter((v) => v.roomId === roomId),
    messages: (roomId) => of('chat.message').filter((m) => m.roomId === roomId),
    dispose: () => service.dispose(),
  };
}

export const phaseOf = (p: Person, roomId: string) => p.views(roomId).at(-1)?.phase;

/** What one user writes while alice is away: ten messages in each of three rooms, rooms taking turns. */
export interface Writer {
  name: string;
  rooms: Room[];
  /** Sends one text; resolves when the user's client has it on its way (the private ones: encrypted and queued). */
  send(room: Room, text: string): Promise<void>;
  refused(): number;
}

export interface LargeAccount {
  server: LocalServer;
  alice: Person;
  peers: { person: Person; dm: Room }[];
  writers: Writer[];
  /** How long the setup's steps took (ms since the server started): all signed in, all private. */
  setup: { signedInMs: number; privateMs: number };
  dispose(): Promise<void>;
}

/** Alice signs in (on `aliceSocket`, which the caller can cut), everyone else from an address of their own. */
export async function largeAccount(aliceSocket: SocketFactory): Promise<LargeAccount> {
  const started = Date.now();
  const server = await startServer({ port: 0, seed: 'demo', seedRooms: 99 });
  const cleanups: (() => Promise<unknown>)[] = [() => server.close()];
  const dispose = async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  };
  try {
    // The channel owner added user-1 … user-18 to two channels each (bob and carol are in all of them).
    const channel = (n: number) => `room-${n}`;
    for (let i = 1; i <= OTR_PEERS + PLAIN_PEERS; i += 1) {
      server.admin.addToRoom(`user-${i}`, channel(2 * i - 1));
      server.admin.addToRoom(`user-${i}`, channel(2 * i));
    }
    const alice = await person(server.url, 'alice', aliceSocket);
    cleanups.push(() => alice.dispose());
    const rooms = alice.rc.rooms();
    const named = (name: string): Room => {
      const room = rooms.find((r) => r.name === name);
      if (!room) throw new Error(`alice has no room ${name}`);
      return room;
    };
    const fromOwnAddress = async (n: number) => {
      const relay = await ownAddress(server, `127.0.0.${10 + n}`);
      cleanups.push(() => relay.close());
      return relay.url;
    };
    // Each peer goes private with alice as soon as it is signed in; she answers each request as it comes.
    const goPrivate = async ({ person: peer, dm }: { person: Person; dm: Room }) => {
      await peer.handlers['rooms.open'](dm.id);
      const started = await peer.handlers['otr.start'](dm.id);
      if (!started.ok) throw new Error(`${peer.name} could not start OTR: ${JSON.stringify(started.error)}`);
      await until(() => phaseOf(alice, dm.id) === 'incoming', `the request of ${peer.name}`, HANDSHAKE_LIMIT_MS);
      await alice.handlers['otr.accept'](dm.id);
      await until(() => phaseOf(alice, dm.id) === 'private' && phaseOf(peer, dm.id) === 'private', `private with ${peer.name}`, HANDSHAKE_LIMIT_MS);
    };
    // People sign in one after another, as they come in to work (twenty at the very same moment only load the machine).
    const peers: LargeAccount['peers'] = [];
    const handshakes: Promise<void>[] = [];
    for (let i = 0; i < OTR_PEERS; i += 1) {
      const peer = await person(await fromOwnAddress(i + 1), `user-${i + 1}`);
      cleanups.push(() => peer.dispose());
      peers.push({ person: peer, dm: named(peer.name) });
      handshakes.push(goPrivate({ person: peer, dm: named(peer.name) }));
    }
    // Settled at once (and awaited below), so a failing handshake is not an unhandled rejection meanwhile.
    const privately = Promise.allSettled(handshakes);
    const plainUsers = [...Array.from({ length: PLAIN_PEERS }, (_, i) => `user-${OTR_PEERS + i + 1}`), 'bob', 'carol'];
    const others: { name: string; rc: RocketChatClient }[] = [];
    for (const [i, user] of plainUsers.entries()) {
      const rc = createRocketChatClient({ secrets: new MemorySecrets(), logger: quiet });
      cleanups.push(() => rc.dispose());
      const outcome = await rc.login({ serverUrl: await fromOwnAddress(OTR_PEERS + i + 1), user, password: 'demo' });
      if (outcome.kind !== 'signed-in') throw new Error(`${user} could not sign in`);
      others.push({ name: user, rc });
    }
    const signedInMs = Date.now() - started;
    for (const outcome of await privately) if (outcome.status === 'rejected') throw outcome.reason;
    const privateMs = Date.now() - started;

    // An OTR peer writes in its DM (in the session) and its two channels; a plain DM peer likewise; bob and carol
    // in three channels each. 20 users × 30 messages = 600, 10 in each of 60 rooms.
    const writers: Writer[] = [
      ...peers.map(({ person: peer, dm }, i): Writer => ({
        name: peer.name,
        rooms: [dm, named(channel(2 * i + 1)), named(channel(2 * i + 2))],
        async send(room, text) {
          const sent = await peer.handlers['chat.send'](room.id, text);
          if (!sent.ok) throw new Error(`${peer.name} could not send: ${JSON.stringify(sent.error)}`);
        },
        refused: () => peer.rc.callStats().refused,
      })),
      ...others.map(({ name, rc }, i): Writer => {
        const first = 2 * (OTR_PEERS + PLAIN_PEERS) + 3 * (i - PLAIN_PEERS) + 1;
        return {
          name,
          rooms: i < PLAIN_PEERS
            ? [named(name), named(channel(2 * (OTR_PEERS + i) + 1)), named(channel(2 * (OTR_PEERS + i) + 2))]
            : [0, 1, 2].map((k) => named(channel(first + k))),
          // Their client queues it (paced to the server's limits); they go on writing while it is on its way.
          send: (room, text) => {
            rc.send(room.id, text).confirmed.catch(() => undefined);
            return Promise.resolve();
          },
          refused: () => rc.callStats().refused,
        };
      }),
    ];
    return { server, alice, peers, writers, setup: { signedInMs, privateMs }, dispose };
  } catch (error) {
    await dispose();
    throw error;
  }
}

export const textOf = (writer: string, room: Room, n: number) => `${writer} in ${room.name}: ${n}`;

/**
 * Everyone writes 10 messages in each of their three rooms, rooms taking turns, one every `spreadMs / 30` from
 * `startAt` (0: as fast as their clients let them). Resolves with each room's stored ids, in order, once the
 * server has all 600.
 */
export async function writeWhileAway(world: LargeAccount, startAt: number, spreadMs: number): Promise<Map<string, string[]>> {
  const before = new Set(world.server.records.messages().map((m) => m._id));
  await Promise.all(
    world.writers.map(async (writer, who) => {
      for (let k = 0; k < 3 * PER_ROOM; k += 1) {
        await sleep(startAt + who * 150 + (k * spreadMs) / (3 * PER_ROOM) - Date.now());
        const room = writer.rooms[k % 3];
        if (room) await writer.send(room, textOf(writer.name, room, Math.floor(k / 3)));
      }
    }),
  );
  const busy = world.writers.flatMap((writer) => writer.rooms);
  const storedIn = (roomId: string) => world.server.records.messages().filter((m) => m.rid === roomId && !before.has(m._id));
  await until(() => busy.every((room) => storedIn(room.id).length === PER_ROOM), 'every message to be stored');
  return new Map(busy.map((room) => [room.id, storedIn(room.id).map((m) => m._id)]));
}
