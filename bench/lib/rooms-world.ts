// Two sets of room sessions (the real RoomSessions class on weighable worker engines) joined by an in-memory
// transport that delivers wire text in order, like the server would. One side is "alice" with a DM per
// peer; the other side plays every peer, and accepts each request the moment it arrives.
import type { OtrRoomView } from '../../src/contract/model.js';
import type { Identity, OtrEngine, OtrRoomsListener, OtrTransport } from '../../src/otr/ports.js';
import { RoomSessions } from '../../src/otr/rooms/room-sessions.js';
import { createTrustStore } from '../../src/otr/trust/trust-store.js';
import { fragmentSizeFor } from '../../src/otr/wire.js';
import { MemorySecrets } from './memory-secrets.js';

export interface Side {
  engine: OtrEngine;
  sessions: RoomSessions;
  views: Map<string, OtrRoomView>;
}

export interface RoomsWorld {
  alice: Side;
  peers: Side;
  roomIds: string[];
  dispose(): Promise<void>;
}

const ALICE = { id: 'alice-id', username: 'alice' };
const PEERS = { id: 'peers-id', username: 'peers' };

function listener(views: Map<string, OtrRoomView>, onView: (view: OtrRoomView) => void): OtrRoomsListener {
  return {
    view: (view) => {
      views.set(view.roomId, view);
      onView(view);
    },
    privateMessage: () => undefined,
    outgoingStatus: () => undefined,
    notice: () => undefined,
  };
}

export async function roomsWorld(
  make: () => OtrEngine,
  identities: readonly [Identity, Identity],
  rooms: number,
): Promise<RoomsWorld> {
  const roomIds = Array.from({ length: rooms }, (_, i) => `dm-${i}`);
  let sequence = 0;
  const sides: Partial<Record<'alice' | 'peers', Side>> = {};
  /** Wire text from one side reaches the other after this turn, in order. */
  const transportTo = (to: () => Side): OtrTransport => ({
    sendWire(roomId, wire) {
      const id = `wire-${++sequence}`;
      setImmediate(() => to().sessions.incoming(roomId, { id, text: wire, ts: Date.now(), fromMe: false, live: true }));
      return Promise.resolve({ messageId: id });
    },
  });
  const makeSide = async (identity: Identity, me: typeof ALICE, to: () => Side, autoAccept: boolean): Promise<Side> => {
    const engine = make();
    await engine.useIdentity(identity);
    const views = new Map<string, OtrRoomView>();
    const sessions: RoomSessions = new RoomSessions({
      engine,
      transport: transportTo(to),
      trust: createTrustStore(new MemorySecrets(), 'https://bench.invalid'),
      me,
      ownFingerprint: identity.fingerprint,
      listener: listener(views, (view) => {
        if (autoAccept && view.phase === 'incoming') setImmediate(() => sessions.accept(view.roomId));
      }),
      options: { fragmentSize: fragmentSizeFor(5000) },
    });
    return { engine, sessions, views };
  };
  sides.alice = await makeSide(identities[0], ALICE, () => sides.peers!, false);
  sides.peers = await makeSide(identities[1], PEERS, () => sides.alice!, true);
  roomIds.forEach((roomId, i) => {
    sides.alice!.sessions.registerRoom({ roomId, peer: { id: `peer-${i}`, username: `peer${i}` } });
    sides.peers!.sessions.registerRoom({ roomId, peer: ALICE });
  });
  const { alice, peers } = sides as Required<typeof sides>;
  return {
    alice,
    peers,
    roomIds,
    async dispose() {
      alice.sessions.dispose();
      peers.sessions.dispose();
      await Promise.all([alice.engine.dispose(), peers.engine.dispose()]);
    },
  };
}

/** alice starts OTR in each room; resolves when both sides of every one of them are private. */
export async function allPrivate(world: RoomsWorld, roomIds: readonly string[]): Promise<void> {
  for (const roomId of roomIds) {
    const started = world.alice.sessions.start(roomId);
    if (!started.ok) throw new Error(`start failed in ${roomId}: ${started.error.code}`);
  }
  const deadline = Date.now() + 120_000;
  const done = (): boolean =>
    roomIds.every((id) => world.alice.views.get(id)?.phase === 'private' && world.peers.views.get(id)?.phase === 'private');
  while (!done()) {
    if (Date.now() > deadline) throw new Error('the sessions did not all become private within two minutes');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
