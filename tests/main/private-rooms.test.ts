// PrivateRooms: the choice between the two protocols, and the consent rule of the OTR Desk ↔ OTR Desk handover.
import { describe, expect, it, vi } from 'vitest';

import type { OtrRoomView } from '../../src/contract/model.js';
import { PrivateRooms } from '../../src/main/chat/private-rooms.js';
import type { NativeOtrChannel } from '../../src/main/rocketchat/native-otr.js';
import type { RoomSessions } from '../../src/otr/rooms/room-sessions.js';

const ROOM = 'alice-bob';
const KEY = '{"kty":"EC","crv":"P-256","x":"BuN8T7mlmFMojn4ztX0ZwkxUDcJr_9hWGmO_ualNW68","y":"yiWGxX1hLVSZg7ytyrxcfMIZxm279xyt01T3YpqW7l8"}';

function setup(version: string) {
  let clock = 1_000_000;
  let onSignal: (args: unknown[]) => void = () => undefined;
  const channel = {
    support: () => ({ version, otrEnable: version.startsWith('7') ? true : null }),
    onSignal: (listener: (args: unknown[]) => void) => {
      onSignal = listener;
      return () => undefined;
    },
    onMessage: () => () => undefined,
    signal: vi.fn(async () => undefined),
    sendCipher: vi.fn(async () => undefined),
    ack: vi.fn(async () => undefined),
    systemMessage: vi.fn(async () => undefined),
    deleteOld: vi.fn(async () => undefined),
  } as unknown as NativeOtrChannel;
  const shown: OtrRoomView[] = [];
  const listener = { view: (v: OtrRoomView) => shown.push(v), privateMessage: vi.fn(), outgoingStatus: vi.fn(), notice: vi.fn() };
  const v3State = { phase: 'idle' as OtrRoomView['phase'] };
  const v3 = {
    registerRoom: () => ({ ok: true, value: { roomId: ROOM, phase: 'idle', queued: 0 } }),
    view: (roomId: string): OtrRoomView => ({ roomId, phase: v3State.phase, queued: 0 }),
    start: vi.fn((roomId: string) => ({ ok: true, value: { roomId, phase: 'requesting', queued: 0 } })),
    accept: vi.fn(),
    incoming: (_roomId: string, msg: { text: string }) => ({ kind: 'plain', text: msg.text }),
    dispose: vi.fn(),
  } as unknown as RoomSessions;
  const rooms = new PrivateRooms({ me: { id: 'alice', username: 'alice' }, channel, nativeAllowed: () => true, listener, now: () => clock });
  rooms.attach(v3);
  rooms.registerRoom({ roomId: ROOM, peer: { id: 'bob', username: 'bob' } });
  return { rooms, v3, v3State, channel, shown, signal: (args: unknown[]) => onSignal(args), advance: (ms: number) => { clock += ms; } };
}

const settle = () => new Promise((r) => setTimeout(r, 20));

describe('PrivateRooms', () => {
  it('on 8.x start is OTR v3 and nothing native is written', () => {
    const { rooms, v3, channel } = setup('8.0.0');
    rooms.start(ROOM);
    expect(v3.start).toHaveBeenCalledWith(ROOM);
    expect(channel.signal).not.toHaveBeenCalled();
  });

  it('on 7.x start asks natively, with our mark', async () => {
    const { rooms, v3, channel } = setup('7.10.0');
    expect(rooms.start(ROOM)).toMatchObject({ ok: true, value: { phase: 'requesting', protocol: 'rocketchat' } });
    // The native handshake first makes a key pair (Web Crypto): on a loaded machine that takes longer than one settle.
    await vi.waitFor(() => {
      expect(channel.signal).toHaveBeenCalledWith('bob', 'handshake', expect.objectContaining({ roomId: ROOM, userId: 'alice', otrDesk: 'v3' }));
    }, { timeout: 5000 });
    expect(v3.start).not.toHaveBeenCalled();
  });

  it('OTR Desk answered: its OTR v3 request right after is accepted without asking, a later one asks again', async () => {
    const { rooms, v3, shown, signal, advance, channel } = setup('7.10.0');
    rooms.start(ROOM);
    await vi.waitFor(() => expect(channel.signal).toHaveBeenCalled(), { timeout: 5000 });
    signal(['acknowledge', { roomId: ROOM, userId: 'bob', publicKey: KEY, otrDesk: 'v3' }]);
    await vi.waitFor(() => expect(shown.at(-1)).toMatchObject({ phase: 'handshaking' }));
    const v3Listener = rooms.v3Listener();
    v3Listener.view({ roomId: ROOM, phase: 'incoming', queued: 0 });
    await settle();
    expect(v3.accept).toHaveBeenCalledTimes(1);
    expect(shown.some((v) => v.phase === 'incoming')).toBe(false);

    // Once used (or after 30 s), the agreement is gone: the next request is the user's to answer.
    advance(31_000);
    v3Listener.view({ roomId: ROOM, phase: 'incoming', queued: 0 });
    await settle();
    expect(v3.accept).toHaveBeenCalledTimes(1);
    expect(shown.at(-1)).toMatchObject({ phase: 'incoming' });
  });

  it('an OTR v3 request that overtook the acknowledge (another stream) is answered when the acknowledge comes', async () => {
    const { rooms, v3, v3State, shown, signal } = setup('7.10.0');
    rooms.start(ROOM);
    await settle();
    v3State.phase = 'incoming';
    // Hidden while our native request is under way: no second dialog.
    rooms.v3Listener().view({ roomId: ROOM, phase: 'incoming', queued: 0 });
    expect(shown.some((v) => v.phase === 'incoming')).toBe(false);
    signal(['acknowledge', { roomId: ROOM, userId: 'bob', publicKey: KEY, otrDesk: 'v3' }]);
    await settle();
    expect(v3.accept).toHaveBeenCalledWith(ROOM);
  });

  it('plain text from the peer while a Rocket.Chat OTR chat is being set up is marked unencrypted', async () => {
    const { rooms } = setup('7.10.0');
    const msg = { id: 'm', text: 'in the clear', ts: 1, fromMe: false, live: true };
    expect(rooms.incoming(ROOM, msg)).toEqual({ kind: 'plain', text: 'in the clear' });
    rooms.start(ROOM);
    expect(rooms.incoming(ROOM, msg)).toEqual({ kind: 'unencrypted', text: 'in the clear' });
    expect(rooms.incoming(ROOM, { ...msg, live: false })).toEqual({ kind: 'plain', text: 'in the clear' });
  });

  it('an agreement that waited too long is not used', async () => {
    const { rooms, v3, signal, advance } = setup('7.10.0');
    rooms.start(ROOM);
    await settle();
    signal(['acknowledge', { roomId: ROOM, userId: 'bob', publicKey: KEY, otrDesk: 'v3' }]);
    await settle();
    advance(31_000);
    rooms.v3Listener().view({ roomId: ROOM, phase: 'incoming', queued: 0 });
    await settle();
    expect(v3.accept).not.toHaveBeenCalled();
    rooms.dispose();
  });
});
