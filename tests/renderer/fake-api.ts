// A fake window.otrDesk for component and store tests: every call is a vi.fn resolving to a Result,
// events are pushed with emit(). Answers can be set per call with respond() / fail().
import { vi, type Mock } from 'vitest';
import type { Api } from '../../src/contract/api.js';
import { callNames, type CallName, type CallValue } from '../../src/contract/calls.js';
import type { EventName, EventPayload } from '../../src/contract/events.js';
import type { AccountSettings, ErrorInfo, Message, OtrRoomView, Room, Session, Settings } from '../../src/contract/model.js';

export const ALICE_FP = 'A1B2C3D4E5F60718293A4B5C6D7E8F9001122334';
export const BOB_FP = '0123456789ABCDEF0123456789ABCDEF01234567';
export const BOB_NEW_FP = 'FEDCBA9876543210FEDCBA9876543210FEDCBA98';

export const me = { id: 'u-alice', username: 'alice', name: 'Alice' };
export const bob = { id: 'u-bob', username: 'bob', presence: 'online' as const };

export function dmRoom(patch: Partial<Room> = {}): Room {
  return { id: 'dm-bob', type: 'd', name: 'bob', displayName: 'bob', unread: 0, peer: bob, ...patch };
}

export function channelRoom(patch: Partial<Room> = {}): Room {
  return { id: 'ch-general', type: 'c', name: 'general', displayName: 'general', unread: 0, ...patch };
}

let nextId = 1;
export function message(patch: Partial<Message> = {}): Message {
  const id = `m${nextId++}`;
  return {
    id,
    roomId: 'dm-bob',
    author: { id: bob.id, username: bob.username },
    ts: Date.UTC(2025, 0, 15, 10, 0, 0) + nextId * 1000,
    kind: 'text',
    text: `hello ${id}`,
    status: 'sent',
    own: false,
    ...patch,
  };
}

export function otrView(patch: Partial<OtrRoomView> = {}): OtrRoomView {
  return { roomId: 'dm-bob', phase: 'idle', queued: 0, ...patch };
}

export const onlineSession: Session = { connection: { kind: 'online' }, serverUrl: 'http://127.0.0.1:3000', me };
export const defaultSettings: Settings = { language: 'en', notifications: true, closeToTray: true };
export const defaultAccountSettings: AccountSettings = { otrRequestTimeoutSec: 60, nativeOtr: true };

const defaults: Partial<{ [K in CallName]: CallValue<K> }> = {
  'session.get': onlineSession,
  'settings.get': defaultSettings,
  'settings.set': defaultSettings,
  'accountSettings.get': defaultAccountSettings,
  'accountSettings.set': defaultAccountSettings,
  'rooms.list': [],
  'rooms.open': { messages: [], hasMore: false },
  'rooms.loadOlder': { messages: [], hasMore: false },
  'users.search': [],
  'otr.get': otrView(),
  'otr.states': [],
  'otr.fingerprints': { own: ALICE_FP, peer: BOB_FP, verified: false, known: [] },
  'otr.ownFingerprint': ALICE_FP,
  'otr.knownFingerprints': [],
  'otr.problems': [],
  'net.pinnedCertificates': [],
};

export interface FakeApi {
  api: Api;
  /** The mock behind each call, by its contract name. */
  calls: Record<CallName, Mock>;
  emit<K extends EventName>(name: K, payload: EventPayload<K>): void;
  respond<K extends CallName>(name: K, value: CallValue<K>): void;
  fail(name: CallName, error: ErrorInfo): void;
}

export function createFakeApi(): FakeApi {
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  const answers = new Map<CallName, { ok: true; value: unknown } | { ok: false; error: ErrorInfo }>();
  const calls = {} as Record<CallName, Mock>;
  const api: Record<string, unknown> = {};
  for (const name of callNames) {
    const [ns, method] = name.split('.') as [string, string];
    const group = (api[ns] ??= {}) as Record<string, unknown>;
    const mock = vi.fn((...args: unknown[]) => Promise.resolve(answerFor(name, args)));
    group[method] = mock;
    calls[name] = mock;
  }
  /** A set answer wins; otherwise a plausible default (sent messages echo, OTR calls return an idle view). */
  function answerFor(name: CallName, args: unknown[]): unknown {
    const set = answers.get(name);
    if (set) return set;
    if (name === 'chat.send') {
      const [roomId, text] = args as [string, string];
      return { ok: true, value: message({ roomId, text, own: true, status: 'pending', author: me }) };
    }
    if (name.startsWith('otr.') && !(name in defaults) && name !== 'otr.forgetFingerprint') {
      return { ok: true, value: otrView({ roomId: String(args[0]) }) };
    }
    return { ok: true, value: (defaults as Record<string, unknown>)[name] ?? null };
  }
  api.features = { tray: true };
  api.on = (name: EventName, listener: (payload: unknown) => void) => {
    const set = listeners.get(name) ?? new Set();
    set.add(listener);
    listeners.set(name, set);
    return () => set.delete(listener);
  };
  return {
    api: api as Api,
    calls,
    emit(name, payload) {
      for (const listener of listeners.get(name) ?? []) listener(payload);
    },
    respond(name, value) {
      answers.set(name, { ok: true, value });
    },
    fail(name, error) {
      answers.set(name, { ok: false, error });
    },
  };
}
