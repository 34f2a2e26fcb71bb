// Two NativeSessions wired back to back through an in-memory "server" that relays like 7.x: what the chat service
// would see on each side, and what happens to spoofed or undecryptable traffic. OTR Desk's mark is stripped in transit,
// so the two sides run the native protocol as with an official app.
import { describe, expect, it } from 'vitest';

import type { MessageStatus, NoticeCode, OtrRoomView } from '../../src/contract/model.js';
import { NativeSessions } from '../../src/otr/native/native-sessions.js';
import type { NativeTransport, RelayedOtrMessage } from '../../src/otr/native/ports.js';
import { signalPayload } from '../../src/otr/native/signals.js';

const ROOM = 'alice-bob';

interface Side {
  sessions: NativeSessions;
  views: OtrRoomView[];
  received: string[];
  statuses: Map<string, MessageStatus>;
  notices: NoticeCode[];
  signalsOut: string[];
}

function world() {
  const sides: Record<'alice' | 'bob', Side> = {} as never;
  const relay = (message: RelayedOtrMessage) => {
    for (const side of Object.values(sides)) side.sessions.incoming(message);
  };
  const make = (me: 'alice' | 'bob', peer: 'alice' | 'bob'): Side => {
    const side: Side = { views: [], received: [], statuses: new Map(), notices: [], signalsOut: [] } as unknown as Side;
    const transport: NativeTransport = {
      signal: async (_peerId, type, payload) => {
        side.signalsOut.push(type);
        // The mark is stripped on the way: the other side behaves as an official app would see it.
        const { otrDesk: _mark, ...official } = payload;
        queueMicrotask(() => {
          const checked = sides[peer].sessions.signal([type, official]);
          if (checked.ok) sides[peer].sessions.applySignal(checked.signal);
        });
      },
      sendCipher: async (roomId, id, wire) => relay({ _id: id, rid: roomId, msg: wire, ts: Date.now(), u: { _id: me, username: me, name: me } }),
      ack: async (message, ack) => relay({ ...message, otrAck: ack }),
      systemMessage: async () => undefined,
      deleteOld: async () => undefined,
    };
    side.sessions = new NativeSessions({
      me: { id: me, username: me },
      transport,
      listener: {
        view: (v) => side.views.push(v),
        privateMessage: (_roomId, m) => side.received.push(m.text),
        outgoingStatus: (_roomId, localId, status) => side.statuses.set(localId, status),
        notice: (_roomId, n) => side.notices.push(n),
        handOver: () => undefined,
      },
    });
    side.sessions.registerRoom(ROOM, peer);
    return side;
  };
  sides.alice = make('alice', 'bob');
  sides.bob = make('bob', 'alice');
  return { ...sides, relay };
}

const settle = async (check: () => boolean) => {
  for (let i = 0; i < 200 && !check(); i += 1) await new Promise((r) => setTimeout(r, 5));
  expect(check()).toBe(true);
};

async function privatePair() {
  const w = world();
  w.alice.sessions.dispatch(ROOM, { type: 'start', now: Date.now() });
  await settle(() => w.bob.sessions.view(ROOM).phase === 'incoming');
  w.bob.sessions.dispatch(ROOM, { type: 'accept', now: Date.now() });
  await settle(() => w.alice.sessions.view(ROOM).phase === 'private');
  return w;
}

describe('native sessions, back to back', () => {
  it('go private, read each other, and acks mark messages delivered', async () => {
    const w = await privatePair();
    expect(w.alice.sessions.view(ROOM)).toMatchObject({ phase: 'private', protocol: 'rocketchat' });
    w.alice.sessions.dispatch(ROOM, { type: 'send', message: { localId: 'l1', text: 'hoi bob' } });
    await settle(() => w.bob.received.includes('hoi bob'));
    await settle(() => w.alice.statuses.get('l1') === 'delivered');
    // Our own echo and the re-emitted ack copy are never shown as messages from the peer.
    expect(w.alice.received).toEqual([]);
  });

  it('a message whose inner userId is not the peer ends the session with a notice, never shown', async () => {
    const w = await privatePair();
    // Bob's key is valid, but the text claims to be from carol: spoofed inside the ciphertext.
    const bobSessions = w.bob.sessions as unknown as { rooms: Map<string, { key: unknown }> };
    const { encryptMessage } = await import('../../src/otr/native/payload.js');
    const key = bobSessions.rooms.get(ROOM)!.key as Parameters<typeof encryptMessage>[0];
    const wire = await encryptMessage(key, { _id: 'x', text: 'van carol', userId: 'carol', ack: 'a', ts: new Date() });
    w.relay({ _id: 'x', rid: ROOM, msg: wire, ts: Date.now(), u: { _id: 'bob', username: 'bob', name: 'bob' } });
    await settle(() => w.alice.sessions.view(ROOM).phase === 'error');
    expect(w.alice.received).toEqual([]);
    expect(w.alice.notices).toContain('otr-session-lost');
    expect(w.alice.signalsOut).toContain('end');
  });

  it('ciphertext under the wrong key ends the session instead of showing it', async () => {
    const w = await privatePair();
    w.relay({ _id: 'y', rid: ROOM, msg: '{"$binary":"AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8="}', ts: Date.now(), u: { _id: 'bob', username: 'bob', name: 'bob' } });
    await settle(() => w.alice.sessions.view(ROOM).phase === 'error');
    expect(w.alice.sessions.view(ROOM).error?.code).toBe('otr-peer-unreadable');
    expect(w.alice.received).toEqual([]);
  });

  it('a request cancelled at once leaves no key pair behind, and sends no handshake', async () => {
    const w = world();
    w.alice.sessions.dispatch(ROOM, { type: 'start', now: Date.now() });
    w.alice.sessions.dispatch(ROOM, { type: 'cancel' });
    await new Promise((r) => setTimeout(r, 50));
    const rooms = (w.alice.sessions as unknown as { rooms: Map<string, { pair: unknown; key: unknown }> }).rooms;
    expect(rooms.get(ROOM)).toMatchObject({ pair: null, key: null });
    expect(w.alice.signalsOut).toEqual([]);
  });

  it('ignores a relayed message from a third user, and signals naming the wrong sender or room', async () => {
    const w = await privatePair();
    expect(w.alice.sessions.incoming({ _id: 'z', rid: ROOM, msg: 'x', ts: 0, u: { _id: 'carol', username: 'carol', name: 'c' } })).toEqual({ kind: 'unreadable' });
    expect(w.alice.sessions.signal(['end', signalPayload({ type: 'end', roomId: ROOM, userId: 'carol' })])).toEqual({ ok: false });
    expect(w.alice.sessions.signal(['end', signalPayload({ type: 'end', roomId: 'other', userId: 'bob' })])).toEqual({ ok: false });
    expect(w.alice.sessions.view(ROOM).phase).toBe('private');
  });
});
