// The browser host's desktop notifications, main's side: the notifier Electron uses sends them to the page as
// 'desktop.notify' (the page's side: tests/renderer/web-notifications.test.ts).
import { describe, expect, it } from 'vitest';
import type { EventName } from '../../src/contract/events.js';
import type { Message, OtrRoomView, Room } from '../../src/contract/model.js';
import type { AccountRegistry } from '../../src/main/accounts/registry.js';
import { withNotifications } from '../../src/host/notifications.js';

const bobDm: Room = { id: 'dm-bob', type: 'd', name: 'bob', displayName: 'Bob', unread: 1, peer: { id: 'u-bob', username: 'bob', name: 'Bob' } };
const view = (patch: Partial<OtrRoomView>): OtrRoomView => ({ roomId: bobDm.id, phase: 'idle', queued: 0, ...patch });

/** A registry with one account per server, each with bob's DM. */
function fakeRegistry(notifications = true) {
  const account = (id: string, serverUrl: string) => ({ id, summary: { id, serverUrl, unread: 0, connection: 'online' as const }, core: { rooms: () => [bobDm] } });
  return {
    settings: { get: () => ({ notifications, language: 'en' as const }) },
    cores: () => [account('acc0000work', 'https://chat.work.example'), account('acc00000home', 'http://127.0.0.1:3301')],
  } as unknown as AccountRegistry;
}

function hostSink(notifications = true) {
  const sent: { name: EventName; payload: unknown; account?: string }[] = [];
  const registry = fakeRegistry(notifications);
  const sink = withNotifications((name, payload, account) => sent.push({ name, payload, account }), () => registry);
  const notices = () => sent.filter((frame) => frame.name === 'desktop.notify');
  return { sink, sent, notices };
}

const privateMessage = (text: string): Message => ({
  id: `m-${text}`,
  roomId: bobDm.id,
  author: { id: 'u-bob', username: 'bob', name: 'Bob' },
  ts: Date.now(),
  kind: 'private',
  text,
  status: 'sent',
  own: false,
});

describe('browser host: main says what a notification says', () => {
  it('passes every event on, and adds a notice for the account, named by its server, without private text', () => {
    const { sink, sent, notices } = hostSink();
    sink('chat.message', privateMessage('the vault code'), 'acc00000home');
    sink('otr.changed', view({ phase: 'incoming', expiresAt: Date.now() + 60_000 }), 'acc0000work');
    expect(sent.map((frame) => frame.name)).toEqual(['chat.message', 'desktop.notify', 'otr.changed', 'desktop.notify']);
    expect(notices()).toEqual([
      { name: 'desktop.notify', payload: { title: 'Bob — 127.0.0.1:3301', body: 'Encrypted message', roomId: 'dm-bob' }, account: 'acc00000home' },
      { name: 'desktop.notify', payload: { title: 'Bob — chat.work.example', body: 'Bob wants to start an encrypted chat.', roomId: 'dm-bob' }, account: 'acc0000work' },
    ]);
  });

  it('says nothing when the user turned notifications off', () => {
    const { sink, notices } = hostSink(false);
    sink('chat.message', privateMessage('x'), 'acc00000home');
    expect(notices()).toEqual([]);
  });
});
