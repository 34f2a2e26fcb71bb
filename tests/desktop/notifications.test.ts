import { describe, expect, it, vi } from 'vitest';
import type { Message, OtrRoomView, Room } from '../../src/contract/model.js';
import {
  BODY_MAX_CHARS,
  createMessageNotifier,
  type MessageNotifierOptions,
  type NotificationLike,
} from '../../src/main/desktop/notifications.js';
import { resolveUiLanguage } from '../../src/main/desktop/words.js';

const NOW = 1_800_000_000_000;
const SECRET = 'the vault code is 4711';

const dm: Room = { id: 'dm1', type: 'd', name: 'bob', displayName: 'Bob', unread: 1 };
const channel: Room = { id: 'c1', type: 'c', name: 'general', displayName: 'general', unread: 1 };

/** The account the messages come from. */
const work = { accountId: 'acc1work', server: 'chat.work.example' };
const community = { accountId: 'acc2community', server: 'chat.community.example' };

function message(overrides: Partial<Message> = {}): Message {
  return {
    id: `m${Math.random()}`,
    roomId: dm.id,
    author: { id: 'u-bob', username: 'bob', name: 'Bob Builder' },
    ts: NOW - 1_000,
    kind: 'text',
    text: 'hello there',
    status: 'sent',
    own: false,
    ...overrides,
  };
}

/** A fake Electron Notification that records what would appear on screen. */
function harness(overrides: Partial<MessageNotifierOptions> = {}) {
  const shown: { title: string; body: string; click: () => void }[] = [];
  class FakeNotification implements NotificationLike {
    private readonly listeners = new Map<string, () => void>();
    constructor(private readonly options: { title: string; body: string }) {}
    static isSupported() {
      return true;
    }
    on(event: 'click' | 'close', listener: () => void) {
      this.listeners.set(event, listener);
      return this;
    }
    show() {
      shown.push({ ...this.options, click: () => this.listeners.get('click')?.() });
    }
  }
  const onOpenRoom = vi.fn();
  const notifier = createMessageNotifier({
    Notification: FakeNotification,
    isWindowFocused: () => false,
    activeRoom: () => undefined,
    settings: () => ({ notifications: true }),
    language: () => 'en',
    onOpenRoom,
    now: () => NOW,
    ...overrides,
  });
  return { notifier, shown, onOpenRoom };
}

describe('message notifications', () => {
  it('never show the plaintext of a private message, only "Encrypted message"', () => {
    const { notifier, shown } = harness();
    notifier.notify(message({ kind: 'private', text: SECRET }), dm, work);
    notifier.notify(message({ kind: 'unreadable-private', text: SECRET }), dm, work);
    expect(shown.map((n) => n.body)).toEqual(['Encrypted message', 'Encrypted message']);
    expect(JSON.stringify(shown)).not.toContain('4711');
  });

  it('say "Versleuteld bericht" in Dutch', () => {
    const { notifier, shown } = harness({ language: () => 'nl' });
    notifier.notify(message({ kind: 'private', text: SECRET }), dm, work);
    expect(shown[0]?.body).toBe('Versleuteld bericht');
  });

  it('do not show OTR wire text that arrived as a plain message', () => {
    const { notifier, shown } = harness();
    notifier.notify(message({ text: '?OTR:AAMDxyz.' }), dm, work);
    expect(shown[0]?.body).toBe('Encrypted message');
  });

  it('show sender and text for a plaintext message, the room name in a channel', () => {
    const { notifier, shown } = harness();
    notifier.notify(message({ text: 'lunch\n at   noon?' }), dm, work);
    notifier.notify(message({ roomId: channel.id, text: 'deploy done' }), channel, work);
    expect(shown.map(({ title, body }) => ({ title, body }))).toEqual([
      { title: 'Bob Builder — chat.work.example', body: 'lunch at noon?' },
      { title: 'Bob Builder · general — chat.work.example', body: 'deploy done' },
    ]);
  });

  it('cut long text off with an ellipsis', () => {
    const { notifier, shown } = harness();
    notifier.notify(message({ text: 'x'.repeat(500) }), dm, work);
    const body = shown[0]?.body ?? '';
    expect([...body]).toHaveLength(BODY_MAX_CHARS);
    expect(body.endsWith('…')).toBe(true);
  });

  it('open the room when clicked', () => {
    const { notifier, shown, onOpenRoom } = harness();
    notifier.notify(message({ roomId: channel.id }), channel, work);
    shown[0]?.click();
    expect(onOpenRoom).toHaveBeenCalledWith(work.accountId, channel.id);
  });

  it('name the server, and open the room of the right account, when two servers have a room with the same id', () => {
    const { notifier, shown, onOpenRoom } = harness({
      isWindowFocused: () => true,
      activeRoom: () => ({ accountId: work.accountId, roomId: channel.id }),
    });
    expect(notifier.notify(message({ roomId: channel.id }), channel, work)).toBe(false);
    expect(notifier.notify(message({ roomId: channel.id }), channel, community)).toBe(true);
    expect(shown.map((n) => n.title)).toEqual(['Bob Builder · general — chat.community.example']);
    shown[0]?.click();
    expect(onOpenRoom).toHaveBeenCalledWith(community.accountId, channel.id);
  });

  it('stay quiet for my own messages and app notices', () => {
    const { notifier, shown } = harness();
    notifier.notify(message({ own: true }), dm, work);
    notifier.notify(message({ kind: 'notice', notice: 'otr-started' }), dm, work);
    expect(shown).toEqual([]);
  });

  it("stay quiet for the server's system lines and deleted messages (nobody wrote them to the user)", () => {
    const { notifier, shown } = harness();
    notifier.notify(message({ roomId: channel.id, kind: 'system', text: '', system: { type: 'uj', actor: 'bob' } }), channel, work);
    notifier.notify(message({ roomId: channel.id, kind: 'deleted', text: '' }), channel, work);
    expect(shown).toEqual([]);
  });

  it('stay quiet for the room open in the focused window, but not for other rooms or when unfocused', () => {
    let focused = true;
    const { notifier, shown } = harness({ isWindowFocused: () => focused, activeRoom: () => ({ accountId: work.accountId, roomId: dm.id }) });
    expect(notifier.notify(message(), dm, work)).toBe(false);
    expect(notifier.notify(message({ roomId: channel.id }), channel, work)).toBe(true);
    focused = false;
    expect(notifier.notify(message(), dm, work)).toBe(true);
    expect(shown).toHaveLength(2);
  });

  it('respect the notifications setting', () => {
    let enabled = false;
    const { notifier, shown } = harness({ settings: () => ({ notifications: enabled }) });
    notifier.notify(message(), dm, work);
    enabled = true;
    notifier.notify(message(), dm, work);
    expect(shown).toHaveLength(1);
  });

  it('notify once per message, not again when its state is updated', () => {
    const { notifier, shown } = harness();
    const first = message();
    notifier.notify(first, dm, work);
    notifier.notify({ ...first, text: 'edited' }, dm, work);
    expect(shown).toHaveLength(1);
  });

  it('do not replay old messages that arrive with a resync', () => {
    const { notifier, shown } = harness();
    notifier.notify(message({ ts: NOW - 60 * 60_000 }), dm, work);
    expect(shown).toEqual([]);
  });
});

describe('language of the main process', () => {
  it('follows the setting, and the OS locale for "system"', () => {
    expect(resolveUiLanguage('nl', 'en-US')).toBe('nl');
    expect(resolveUiLanguage('en', 'nl-NL')).toBe('en');
    expect(resolveUiLanguage('system', 'nl-BE')).toBe('nl');
    expect(resolveUiLanguage('system', 'nl')).toBe('nl');
    expect(resolveUiLanguage('system', 'de-DE')).toBe('en');
  });
});

describe('OTR notifications (the window is not focused)', () => {
  const bobDm: Room = { ...dm, peer: { id: 'u-bob', username: 'bob', name: 'Bob Builder' } };
  const view = (patch: Partial<OtrRoomView>): OtrRoomView => ({ roomId: dm.id, phase: 'idle', queued: 0, ...patch });

  it('tell of a request, a new key, the peer ending and an SMP question, naming the chat; a click opens it', () => {
    const { notifier, shown, onOpenRoom } = harness();
    notifier.otr(view({ phase: 'incoming', expiresAt: NOW + 10_000 }), bobDm, work);
    notifier.otr(view({ phase: 'key-changed' }), bobDm, work);
    notifier.otr(view({ phase: 'ended-by-peer' }), bobDm, work);
    notifier.otr(view({ phase: 'private', smp: { phase: 'asked', startedBy: 'peer', question: SECRET } }), bobDm, work);
    expect(shown.map((n) => n.body)).toEqual([
      'Bob Builder wants to start an encrypted chat.',
      "Bob Builder's security key changed.",
      'Bob Builder ended the encrypted chat.',
      'Bob Builder wants to check your identity.',
    ]);
    expect(shown[0]?.title).toBe('Bob Builder — chat.work.example');
    expect(JSON.stringify(shown)).not.toContain('4711');
    shown[0]?.click();
    expect(onOpenRoom).toHaveBeenCalledWith(work.accountId, dm.id);
  });

  it('stay quiet while the window is focused (its dialog says it), for states that ask nothing, and for the same request twice', () => {
    const focused = harness({ isWindowFocused: () => true });
    expect(focused.notifier.otr(view({ phase: 'incoming', expiresAt: NOW }), bobDm, work)).toBe(false);
    const { notifier, shown } = harness();
    expect(notifier.otr(view({ phase: 'private' }), bobDm, work)).toBe(false);
    expect(notifier.otr(view({ phase: 'requesting', expiresAt: NOW }), bobDm, work)).toBe(false);
    notifier.otr(view({ phase: 'incoming', expiresAt: NOW }), bobDm, work);
    notifier.otr(view({ phase: 'incoming', expiresAt: NOW }), bobDm, work);
    expect(shown).toHaveLength(1);
    const off = harness({ settings: () => ({ notifications: false }) });
    expect(off.notifier.otr(view({ phase: 'incoming', expiresAt: NOW }), bobDm, work)).toBe(false);
  });
});
