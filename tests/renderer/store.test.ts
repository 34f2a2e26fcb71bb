// The store without a DOM: events in, state and app events out.
import { describe, expect, it, vi } from 'vitest';
import { createAppStore } from '../../src/renderer/src/store/app-store.js';
import { prependOlder, upsertMessage } from '../../src/renderer/src/store/reducers.js';
import { channelRoom, createFakeApi, dmRoom, me, message, onlineSession, otrView } from './fake-api.js';

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

function setup() {
  const fake = createFakeApi();
  const events: { name: string; detail: Record<string, unknown> }[] = [];
  const store = createAppStore(fake.api, (name, detail) => events.push({ name, detail }));
  return { fake, store, events };
}

describe('history reducers', () => {
  it('keeps messages in time order and replaces a message by id', () => {
    const a = message({ ts: 1000 });
    const b = message({ ts: 3000 });
    const c = message({ ts: 2000 });
    let list = [a, b].reduce(upsertMessage, [] as ReturnType<typeof upsertMessage>);
    list = upsertMessage(list, c);
    expect(list.map((m) => m.id)).toEqual([a.id, c.id, b.id]);
    const sent = { ...c, status: 'sent' as const, ts: 4000 };
    list = upsertMessage(list, sent);
    expect(list.map((m) => m.id)).toEqual([a.id, b.id, c.id]);
    expect(list).toHaveLength(3);
  });

  it('puts older pages in front without duplicating shown messages', () => {
    const shown = [message({ ts: 5000 }), message({ ts: 6000 })];
    const older = [message({ ts: 2000 }), message({ ts: 1000 }), shown[0]!];
    const list = prependOlder(shown, older);
    expect(list.map((m) => m.ts)).toEqual([1000, 2000, 5000, 6000]);
  });
});

describe('app store', () => {
  it('says "Connected again" only after a lost connection came back, not at the first connect', async () => {
    const { fake, store } = setup();
    fake.respond('session.get', { connection: { kind: 'connecting' }, me });
    store.getState().start();
    await flush();
    fake.emit('session.changed', onlineSession);
    expect(store.getState().announcement?.key).not.toBe('connection.restored');
    fake.emit('session.changed', { ...onlineSession, connection: { kind: 'reconnecting', retryAt: Date.now() + 1000, attempt: 1 } });
    fake.emit('session.changed', { ...onlineSession, connection: { kind: 'connecting' } });
    fake.emit('session.changed', onlineSession);
    expect(store.getState().announcement?.key).toBe('connection.restored');
  });

  it('boots from session.get and loads the rooms of a signed-in user', async () => {
    const { fake, store, events } = setup();
    fake.respond('rooms.list', [dmRoom()]);
    store.getState().start();
    await flush();
    expect(store.getState().booted).toBe(true);
    expect(store.getState().rooms.map((r) => r.id)).toEqual(['dm-bob']);
    expect(events.map((e) => e.name)).toContain('rooms.loaded');
  });

  it("knows every DM's privacy state once the rooms are loaded, before any chat is opened (the list shows it after a reload)", async () => {
    const { fake, store } = setup();
    fake.respond('rooms.list', [dmRoom(), dmRoom({ id: 'dm-carol', name: 'carol', displayName: 'carol' }), channelRoom()]);
    fake.respond('otr.states', [otrView({ phase: 'private' }), otrView({ roomId: 'dm-carol', phase: 'incoming', expiresAt: Date.now() + 60_000 })]);
    store.getState().start();
    await flush();
    fake.emit('rooms.changed', store.getState().rooms);
    await flush();
    expect(store.getState().activeRoomId).toBeNull();
    // One call for the account, not one per DM, however often the list changes.
    expect(fake.calls['otr.states']).toHaveBeenCalledTimes(1);
    expect(fake.calls['otr.get']).not.toHaveBeenCalled();
    expect(store.getState().otr['dm-bob']?.phase).toBe('private');
    expect(store.getState().otr['dm-carol']?.phase).toBe('incoming');
  });

  it('goes to the code step when the server asks for a second factor, then signs in', async () => {
    const { fake, store } = setup();
    fake.respond('session.get', { connection: { kind: 'signed-out' } });
    store.getState().start();
    await flush();
    fake.respond('auth.login', { kind: 'totp-required', method: 'totp' });
    await store.getState().signIn({ serverUrl: 'http://127.0.0.1:3000', user: 'alice', password: 'pw' });
    expect(store.getState().login.step).toBe('totp');
    fake.fail('auth.submitTotp', { code: 'totp-invalid' });
    await store.getState().submitTotp('000000');
    expect(store.getState().login).toMatchObject({ step: 'totp', error: { code: 'totp-invalid' } });
    fake.respond('auth.submitTotp', { kind: 'signed-in', session: onlineSession });
    await store.getState().submitTotp('123456');
    expect(store.getState().session.me).toEqual(me);
  });

  it('adds live messages to an opened room and reports them without their text', async () => {
    const { fake, store, events } = setup();
    store.setState({ rooms: [dmRoom()] });
    store.getState().start();
    fake.respond('rooms.open', { messages: [message({ ts: 1000 })], hasMore: true });
    await store.getState().openRoom('dm-bob');
    const secret = message({ kind: 'private', text: 'the plan is at noon', ts: 2000 });
    fake.emit('chat.message', secret);
    expect(store.getState().chats['dm-bob']?.messages.at(-1)?.id).toBe(secret.id);
    const reported = events.find((e) => e.name === 'chat.message');
    expect(reported?.detail).toMatchObject({ roomId: 'dm-bob', id: secret.id, kind: 'private' });
    expect(JSON.stringify(events)).not.toContain('the plan is at noon');
    expect(store.getState().announcement?.key).toBe('chat.newPrivateMessage');
  });

  it('announces no "new message" for a system line or a deleted message', async () => {
    const { fake, store } = setup();
    store.setState({ rooms: [dmRoom()] });
    store.getState().start();
    fake.respond('rooms.open', { messages: [], hasMore: false });
    await store.getState().openRoom('dm-bob');
    fake.emit('chat.message', message({ kind: 'system', text: '', system: { type: 'uj', actor: 'bob' } }));
    fake.emit('chat.message', message({ kind: 'deleted', text: '' }));
    expect(store.getState().chats['dm-bob']?.messages).toHaveLength(2);
    expect(store.getState().announcement).toBeFalsy();
  });

  it('shows a clicked room together with its history, never as an empty room first, when the page comes soon', async () => {
    const { fake, store } = setup();
    store.setState({ rooms: [dmRoom()] });
    store.getState().start();
    const seen: string[] = [];
    store.subscribe((s) => {
      if (s.activeRoomId === 'dm-bob') seen.push(s.chats['dm-bob']?.loaded ? 'room with history' : 'room without history');
    });
    let answer: (page: { messages: ReturnType<typeof message>[]; hasMore: boolean }) => void = () => undefined;
    fake.calls['rooms.open'].mockImplementationOnce(() => new Promise((resolve) => {
      answer = (page) => resolve({ ok: true, value: page });
    }));
    const opening = store.getState().openRoom('dm-bob');
    expect(store.getState().activeRoomId).toBeNull();
    answer({ messages: [message({ ts: 1000 })], hasMore: false });
    await opening;
    expect(store.getState().activeRoomId).toBe('dm-bob');
    expect(seen[0]).toBe('room with history');
  });

  it('shows a room whose history is slow with its loading line, and a later click takes the screen', async () => {
    vi.useFakeTimers();
    try {
      const { fake, store } = setup();
      store.setState({ rooms: [dmRoom(), dmRoom({ id: 'dm-carol' })] });
      store.getState().start();
      const answers: ((value: unknown) => void)[] = [];
      fake.calls['rooms.open'].mockImplementation(() => new Promise((resolve) => answers.push(resolve)));
      const slow = store.getState().openRoom('dm-bob');
      await vi.advanceTimersByTimeAsync(1000);
      expect(store.getState().activeRoomId).toBe('dm-bob');
      expect(store.getState().chats['dm-bob']?.loaded).toBe(false);
      const later = store.getState().openRoom('dm-carol');
      answers[0]!({ ok: true, value: { messages: [message({ ts: 1000 })], hasMore: false } });
      await slow;
      expect(store.getState().activeRoomId).toBe('dm-bob');
      answers[1]!({ ok: true, value: { messages: [], hasMore: false } });
      await later;
      expect(store.getState().activeRoomId).toBe('dm-carol');
      expect(store.getState().chats['dm-bob']?.loaded).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });

  it('keeps messages that arrive while a room is opening', async () => {
    const { fake, store } = setup();
    store.setState({ rooms: [dmRoom()] });
    store.getState().start();
    const early = message({ ts: 9000 });
    fake.calls['rooms.open'].mockImplementationOnce(() => {
      fake.emit('chat.message', early);
      return Promise.resolve({ ok: true, value: { messages: [message({ ts: 1000 })], hasMore: false } });
    });
    await store.getState().openRoom('dm-bob');
    expect(store.getState().chats['dm-bob']?.messages.map((m) => m.id)).toContain(early.id);
  });

  it('stores OTR views per room and emits the phase', () => {
    const { fake, store, events } = setup();
    store.getState().start();
    fake.emit('otr.changed', otrView({ phase: 'incoming', expiresAt: 5 }));
    expect(store.getState().otr['dm-bob']?.phase).toBe('incoming');
    expect(events.at(-1)).toEqual({
      name: 'otr.changed',
      detail: { roomId: 'dm-bob', phase: 'incoming', verified: false, smp: undefined },
    });
  });

  it('shows a failed OTR call as a problem and keeps the old view', async () => {
    const { fake, store } = setup();
    store.setState({ otr: { 'dm-bob': otrView() } });
    fake.fail('otr.start', { code: 'otr-busy' });
    const ok = await store.getState().runOtr('dm-bob', (otr) => otr.start('dm-bob'));
    expect(ok).toBe(false);
    expect(store.getState().problem?.code).toBe('otr-busy');
    expect(store.getState().otr['dm-bob']?.phase).toBe('idle');
  });

  it('drops everything of the account when the session signs out', async () => {
    const { fake, store } = setup();
    store.getState().start();
    await flush();
    store.setState({ rooms: [dmRoom()], otr: { 'dm-bob': otrView({ phase: 'private' }) }, activeRoomId: 'dm-bob' });
    fake.emit('session.changed', { connection: { kind: 'signed-out' } });
    expect(store.getState()).toMatchObject({ rooms: [], otr: {}, activeRoomId: null });
  });

  it('loads older history once at a time and stops at the start of the room', async () => {
    const { fake, store } = setup();
    store.setState({ rooms: [dmRoom()] });
    fake.respond('rooms.open', { messages: [message({ ts: 5000 })], hasMore: true });
    await store.getState().openRoom('dm-bob');
    fake.respond('rooms.loadOlder', { messages: [message({ ts: 1000 })], hasMore: false });
    await Promise.all([store.getState().loadOlder('dm-bob'), store.getState().loadOlder('dm-bob')]);
    expect(fake.calls['rooms.loadOlder']).toHaveBeenCalledTimes(1);
    await store.getState().loadOlder('dm-bob');
    expect(fake.calls['rooms.loadOlder']).toHaveBeenCalledTimes(1);
    expect(store.getState().chats['dm-bob']).toMatchObject({ hasMore: false });
    expect(store.getState().chats['dm-bob']?.messages.map((m) => m.ts)).toEqual([1000, 5000]);
  });

  it('asks for the page before its oldest message (time, then id, as main orders a room), so main can hand out windows', async () => {
    const { fake, store } = setup();
    store.setState({ rooms: [dmRoom()] });
    const sameTime = [message({ id: 'b7', ts: 2000 }), message({ id: 'a9', ts: 2000 }), message({ ts: 3000 })];
    fake.respond('rooms.open', { messages: sameTime, hasMore: true });
    await store.getState().openRoom('dm-bob');
    fake.respond('rooms.loadOlder', { messages: [message({ ts: 1000 })], hasMore: true });
    await store.getState().loadOlder('dm-bob');
    expect(fake.calls['rooms.loadOlder']).toHaveBeenLastCalledWith('dm-bob', { ts: 2000, id: 'a9' });
    const oldest = store.getState().chats['dm-bob']!.messages[0]!;
    await store.getState().loadOlder('dm-bob');
    expect(fake.calls['rooms.loadOlder']).toHaveBeenLastCalledWith('dm-bob', { ts: 1000, id: oldest.id });
  });

  it('marks the room on screen as read when its unread count goes up', () => {
    const { fake, store } = setup();
    store.getState().start();
    store.setState({ activeRoomId: 'dm-bob' });
    fake.emit('rooms.changed', [dmRoom({ unread: 1 }), dmRoom({ id: 'dm-carol', unread: 4 })]);
    expect(fake.calls['rooms.markRead']).toHaveBeenCalledTimes(1);
    expect(fake.calls['rooms.markRead']).toHaveBeenCalledWith('dm-bob');
  });

  it('follows desktop navigation to a room, or to sign-in with the server filled in', async () => {
    const { fake, store } = setup();
    store.getState().start();
    await flush();
    store.setState({ rooms: [dmRoom()] });
    fake.emit('desktop.navigate', { to: 'room', roomId: 'dm-bob' });
    await vi.waitFor(() => expect(store.getState().activeRoomId).toBe('dm-bob'));
    fake.emit('desktop.navigate', { to: 'sign-in', serverUrl: 'https://chat.example.org' });
    expect(store.getState().login.suggestedServer).toBe('https://chat.example.org');
  });
});

describe('an account whose server is not on screen', () => {
  it('does not mark its open room read while another server is shown, and does once it is shown again', () => {
    const { fake, store } = setup();
    store.getState().start();
    store.setState({ activeRoomId: 'dm-bob', screen: 'chat' });
    store.getState().setOnScreen(false);
    fake.emit('rooms.changed', [dmRoom({ unread: 1 })]);
    expect(fake.calls['rooms.markRead']).not.toHaveBeenCalled();
    store.getState().setOnScreen(true);
    expect(fake.calls['rooms.markRead']).toHaveBeenCalledWith('dm-bob');
  });
});
