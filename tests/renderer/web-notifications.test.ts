// The browser host's desktop notifications, the page's side: main's notifier sends 'desktop.notify', and the page
// shows it only while its window is in the background; a click opens the chat. And the one rule (src/contract)
// for what needs the user, shared by the in-app dialog and the desktop notification.
import { describe, expect, it, vi } from 'vitest';
import type { EventPayload } from '../../src/contract/events.js';
import type { OtrRoomView, Room } from '../../src/contract/model.js';
import { attentionOccurrence, otrAttention } from '../../src/contract/otr-attention.js';
import { createMessageNotifier } from '../../src/main/desktop/notifications.js';
import { attentionKey } from '../../src/renderer/src/features/otr-ui/AttentionDialog.js';
import { showWebNotifications, type NotifyingPage } from '../../src/renderer/src/shell/web-notifications.js';

const bobDm: Room = { id: 'dm-bob', type: 'd', name: 'bob', displayName: 'Bob', unread: 1, peer: { id: 'u-bob', username: 'bob', name: 'Bob' } };
const view = (patch: Partial<OtrRoomView>): OtrRoomView => ({ roomId: bobDm.id, phase: 'idle', queued: 0, ...patch });

describe('browser host: the page shows them while in the background', () => {
  function page(focused: boolean) {
    const shown: { title: string; body: string; click: () => void }[] = [];
    const fake: NotifyingPage = {
      Notification: class {
        static permission = 'granted' as NotificationPermission;
        static requestPermission = vi.fn();
        onclick: ((this: Notification, ev: Event) => unknown) | null = null;
        close = vi.fn();
        constructor(title: string, options: { body: string }) {
          shown.push({ title, body: options.body, click: () => this.onclick?.call(this as unknown as Notification, new Event('click')) });
        }
      },
      hasFocus: () => focused,
      focus: vi.fn(),
      onFirstGesture: vi.fn(),
    };
    let listener: (payload: EventPayload<'desktop.notify'>) => void = () => undefined;
    const api = { on: (_name: string, l: typeof listener) => ((listener = l), () => undefined) } as never;
    const open = vi.fn();
    showWebNotifications(api, 'acc0000work', open, fake);
    return { shown, open, fake, say: (payload: EventPayload<'desktop.notify'>) => listener(payload) };
  }

  it('shows one while the window is not focused; its click brings the window forward on that chat', () => {
    const { shown, open, fake, say } = page(false);
    say({ title: 'Bob — chat.work.example', body: 'Encrypted message', roomId: 'dm-bob' });
    expect(shown.map(({ title, body }) => ({ title, body }))).toEqual([{ title: 'Bob — chat.work.example', body: 'Encrypted message' }]);
    shown[0]?.click();
    expect(fake.focus).toHaveBeenCalled();
    expect(open).toHaveBeenCalledWith('dm-bob');
  });

  it('shows none while the window is focused (the app itself says it there)', () => {
    const { shown, say } = page(true);
    say({ title: 'Bob', body: 'hello', roomId: 'dm-bob' });
    expect(shown).toEqual([]);
  });
});

describe('one rule for what needs the user', () => {
  const views: OtrRoomView[] = [
    view({ phase: 'idle' }),
    view({ phase: 'requesting', expiresAt: 1 }),
    view({ phase: 'incoming', expiresAt: 2 }),
    view({ phase: 'key-changed' }),
    view({ phase: 'ended-by-peer' }),
    view({ phase: 'private' }),
    view({ phase: 'private', smp: { phase: 'question', startedBy: 'peer', question: 'q' } }),
    view({ phase: 'private', smp: { phase: 'asked', startedBy: 'me' } }),
    view({ phase: 'declined' }),
  ];

  it('the in-app dialog and the desktop notification ask about exactly the same states', () => {
    const notifier = createMessageNotifier({
      Notification: class {
        static isSupported = () => true;
        on() {}
        show() {}
      },
      isWindowFocused: () => false,
      activeRoom: () => undefined,
      settings: () => ({ notifications: true }),
      language: () => 'en',
      onOpenRoom: () => undefined,
    });
    const notified = views.filter((v) => notifier.otr(v, bobDm, { accountId: 'acc0000work', server: 'chat.work.example' }));
    expect(notified.map(attentionOccurrence)).toEqual(views.filter((v) => attentionKey(v) !== null).map(attentionOccurrence));
    expect(notified.map(otrAttention)).toEqual(['request', 'keyChanged', 'ended', 'smp']);
  });
});
