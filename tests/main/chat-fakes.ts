// A chat service over a scripted Rocket.Chat client and the real OTR room sessions (over a fake engine).
import { vi } from 'vitest';
import type { EventName, EventPayload } from '../../src/contract/events.js';
import type { Message, Room, Session } from '../../src/contract/model.js';
import type { OtrAccount } from '../../src/main/chat/otr-account.js';
import { ChatService } from '../../src/main/chat/service.js';
import type { RcDeletion, RcMessage, RcRoomChanges, RocketChatClient } from '../../src/main/rocketchat/types.js';
import type { OtrRoomsListener, SendVerdict } from '../../src/otr/ports.js';
import { RoomSessions } from '../../src/otr/rooms/room-sessions.js';
import { FakeEngine } from '../otr-flow/fakes/fake-engine.js';
import { FakeClock, MemoryTrust, RecordingListener } from '../otr-flow/fakes/world.js';

export const ME = { id: 'u-alice', username: 'alice' };
export const BOB = { id: 'u-bob', username: 'bob' };
export const DM: Room = { id: 'dm1', type: 'd', name: 'bob', displayName: 'Bob', unread: 0, peer: BOB };
export const CHANNEL: Room = { id: 'c1', type: 'c', name: 'general', displayName: 'general', unread: 0 };

/** libotr's whitespace tag (base + v2 + v3), as Pidgin appends it to plain messages. */
export const WHITESPACE_TAG = ' \t  \t\t\t\t \t \t \t  ' + '  \t\t  \t ' + '  \t\t  \t\t';

export function setup(options: { sendVerdict?: SendVerdict } = {}) {
  let onMessage: (roomId: string, m: RcMessage, d: { live: boolean; update?: boolean }) => void = () => undefined;
  let onDeleted: (roomId: string, d: RcDeletion) => void = () => undefined;
  let onRooms: (rooms: Room[]) => void = () => undefined;
  const sent: { roomId: string; text: string; id?: string }[] = [];
  let confirm: (m: RcMessage) => void = () => undefined;
  let fail: (e: unknown) => void = () => undefined;
  const session: Session = { connection: { kind: 'online' }, serverUrl: 'http://127.0.0.1:1', me: ME };
  const rc = {
    onState: () => () => undefined,
    onRoomsChanged: (l: typeof onRooms) => { onRooms = l; return () => undefined; },
    maxMessageSize: 40,
    focusRoom: async () => undefined,
    onMessage: (l: typeof onMessage) => { onMessage = l; return () => undefined; },
    onDeleted: (l: typeof onDeleted) => { onDeleted = l; return () => undefined; },
    react: vi.fn(async () => undefined),
    onTyping: () => () => undefined,
    onPresence: () => () => undefined,
    session: () => session,
    rooms: () => [DM, CHANNEL],
    send: (roomId: string, text: string, o?: { id?: string }) => {
      sent.push({ roomId, text, id: o?.id });
      return { id: o?.id ?? 'x', confirmed: new Promise<RcMessage>((res, rej) => { confirm = res; fail = rej; }) };
    },
    discardSend: () => true,
    history: vi.fn(async () => ({ messages: [] as RcMessage[], hasMore: false, next: null })),
    roomChanges: vi.fn(async (): Promise<RcRoomChanges | 'unsupported' | null> => null),
  } as unknown as RocketChatClient;

  let listener: OtrRoomsListener | undefined;
  // The real room sessions classify what arrives (over a fake engine); only the send verdict is scripted.
  const clock = new FakeClock();
  const sessions = new RoomSessions({
    engine: new FakeEngine('A1'.repeat(20)),
    transport: { sendWire: () => Promise.resolve({ messageId: 'wire' }) },
    trust: new MemoryTrust(clock),
    listener: new RecordingListener(),
    me: ME,
    ownFingerprint: null,
    options: { fragmentSize: 0, now: () => clock.now, setTimer: clock.setTimer, clearTimer: clock.clearTimer },
  });
  sessions.registerRoom({ roomId: DM.id, peer: BOB });
  const rooms = {
    incoming: vi.fn((roomId: string, m: Parameters<RoomSessions['incoming']>[1]) => sessions.incoming(roomId, m)),
    send: vi.fn((): SendVerdict => options.sendVerdict ?? { kind: 'plaintext' }),
    view: (roomId: string) => sessions.view(roomId),
  };
  const otr = {
    setListener: (l: OtrRoomsListener) => { listener = l; },
    registerDirect: vi.fn(),
    roomRemoved: vi.fn(),
    whenReady: (task: (r: typeof rooms) => void) => task(rooms),
    ready: async () => rooms,
    settled: async () => undefined,
  } as unknown as OtrAccount;

  const events: { name: EventName; payload: unknown }[] = [];
  const emit = <K extends EventName>(name: K, payload: EventPayload<K>) => { events.push({ name, payload }); };
  const service = new ChatService({ rc, otr, emit, now: () => 1000 });
  const shown = () => events.filter((e) => e.name === 'chat.message').map((e) => e.payload as Message);
  let seq = 0;
  const deliver = (roomId: string, text: string, live = true, author = BOB, id = `m${++seq}`) =>
    onMessage(roomId, { id, roomId, text, ts: clock.now, author }, { live });
  const redeliver = (message: RcMessage) => onMessage(message.roomId, message, { live: true, update: true });
  return { rc, redeliver, deleted: (roomId: string, d: RcDeletion) => onDeleted(roomId, d), clock, events, service, sessions, rooms, otr, roomsChanged: (list: Room[]) => onRooms(list), deliver, shown, sent, confirm: (m: RcMessage) => confirm(m), fail: (e: unknown) => fail(e), listener: () => listener! };
}

