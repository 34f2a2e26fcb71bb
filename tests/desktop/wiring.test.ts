// The desktop wiring with Electron mocked: what a user sees when a message arrives, a notification is
// clicked, a link is opened or the app is started a second time.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Handlers } from '../../src/contract/calls.js';
import type { Message, Room, Session, Settings } from '../../src/contract/model.js';
import type { DesktopWiringOptions } from '../../src/main/electron/desktop/index.js';

const fx = vi.hoisted(() => ({
  listeners: new Map<string, (...args: unknown[]) => void>(),
  notifications: [] as { title: string; body: string; click: () => void }[],
  tray: { tooltip: '' },
  dialogAnswer: 0,
  dialogCalls: 0,
  dialogMessages: [] as string[],
  userData: '',
}));

vi.mock('electron', () => {
  class Notification {
    private click = () => {};
    constructor(private readonly options: { title: string; body: string }) {}
    static isSupported = () => true;
    on(event: string, listener: () => void) {
      if (event === 'click') this.click = listener;
    }
    show() {
      fx.notifications.push({ ...this.options, click: () => this.click() });
    }
  }
  class Tray {
    setToolTip(text: string) {
      fx.tray.tooltip = text;
    }
    setContextMenu() {}
    on() {}
    destroy() {}
  }
  const area = { x: 0, y: 0, width: 1920, height: 1080 };
  return {
    app: {
      getPath: () => fx.userData,
      getLocale: () => 'en-US',
      getPreferredSystemLanguages: () => ['en-US'],
      getAppPath: () => '/project',
      isPackaged: false,
      on: (event: string, listener: (...args: unknown[]) => void) => fx.listeners.set(event, listener),
      quit: vi.fn(),
      setBadgeCount: vi.fn(() => true),
      setAsDefaultProtocolClient: vi.fn(() => true),
    },
    dialog: {
      showMessageBox: vi.fn((...args: { message?: string }[]) => {
        fx.dialogCalls += 1;
        fx.dialogMessages.push(args.at(-1)?.message ?? '');
        return Promise.resolve({ response: fx.dialogAnswer });
      }),
    },
    Menu: { buildFromTemplate: (template: unknown) => template },
    Notification,
    Tray,
    screen: { getAllDisplays: () => [{ workArea: area }], getPrimaryDisplay: () => ({ workArea: area }) },
    session: { defaultSession: { availableSpellCheckerLanguages: ['en-US'], setSpellCheckerLanguages: vi.fn() } },
  };
});

const online: Session = { connection: { kind: 'online' }, serverUrl: 'https://chat.example.com' };
const ACCOUNT = 'acc0000001';
const OTHER = 'acc0000002';
/** A second server, with a room whose id repeats the first server's (Rocket.Chat ids are per server). */
const otherRooms: Room[] = [{ id: 'dm-bob', type: 'd', name: 'dave', displayName: 'Dave', unread: 4, peer: { id: 'u-dave', username: 'dave' } }];
const rooms: Room[] = [
  { id: 'dm-bob', type: 'd', name: 'bob', displayName: 'Bob', unread: 2, peer: { id: 'u-bob', username: 'bob' } },
  { id: 'c-general', type: 'c', name: 'general', displayName: 'general', unread: 1 },
];

function fakeWindow() {
  const win = {
    loaded: () => {},
    focused: false,
    visible: true,
    webContents: {
      once: (_event: string, listener: () => void) => (win.loaded = listener),
      send: vi.fn(),
      isDestroyed: () => false,
    },
    maximize: vi.fn(),
    on: vi.fn(),
    isFocused: () => win.focused,
    isDestroyed: () => false,
    isMinimized: () => false,
    isVisible: () => win.visible,
    restore: vi.fn(),
    show: () => (win.visible = true),
    hide: () => (win.visible = false),
    focus: vi.fn(),
    getNormalBounds: () => ({ x: 0, y: 0, width: 1200, height: 800 }),
    isMaximized: () => false,
  };
  return win;
}

async function start(twoServers = false) {
  vi.resetModules();
  const { wireDesktop } = await import('../../src/main/electron/desktop/index.js');
  const win = fakeWindow();
  const emit = vi.fn();
  const settingsListeners: ((s: Settings) => void)[] = [];
  let current: Settings = { language: 'system', notifications: true, closeToTray: true };
  const settings = {
    get: () => current,
    onChange: (listener: (s: Settings) => void) => {
      settingsListeners.push(listener);
      return () => undefined;
    },
    /** What the settings store does when the user saves. */
    change(patch: Partial<Settings>) {
      current = { ...current, ...patch };
      for (const listener of settingsListeners) listener(current);
    },
  };
  const handlers = {
    'session.get': () => Promise.resolve({ ok: true, value: online }),
    'rooms.open': vi.fn((_roomId: string) => Promise.resolve({ ok: true, value: { messages: [], hasMore: false } })),
    'rooms.startDirect': vi.fn((username: string) =>
      Promise.resolve({ ok: true, value: { id: `dm-${username}`, type: 'd', name: username, displayName: username, unread: 0 } }),
    ),
  };
  // The fakes cover only what the wiring touches; the casts say so once, here.
  type Win = ReturnType<DesktopWiringOptions['createWindow']>;
  let shown: Win | undefined;
  const accounts = [
    { id: ACCOUNT, core: { handlers: handlers as unknown as Handlers, rooms: () => rooms }, summary: { id: ACCOUNT, serverUrl: online.serverUrl, unread: 3, connection: 'online' as const } },
  ];
  if (twoServers) {
    const other = { 'session.get': handlers['session.get'], 'rooms.open': vi.fn(handlers['rooms.open']) };
    accounts.push({ id: OTHER, core: { handlers: other as unknown as Handlers, rooms: () => otherRooms }, summary: { id: OTHER, serverUrl: 'http://127.0.0.1:3999', unread: 4, connection: 'online' } });
  }
  const registry = {
    settings,
    cores: () => accounts,
    activeAccountId: ACCOUNT,
    activate: vi.fn((id: string) => {
      registry.activeAccountId = id;
      return Promise.resolve({ accounts: [], activeId: id, migrationFailed: false });
    }),
    add: vi.fn(() => Promise.resolve({ accounts: [], activeId: 'acc0000009', migrationFailed: false })),
  };
  const desktop = await wireDesktop({
    registry,
    createWindow: () => win as unknown as Win,
    getWindow: () => shown,
    setWindow: (w) => (shown = w),
    emit,
  });
  const ready = () => {
    win.loaded();
    for (const account of accounts) desktop.onEvent('rooms.changed', account.core.rooms(), account.id);
  };
  return { desktop, win, emit, handlers, ready, settings, registry, accounts };
}

const incoming = (overrides: Partial<Message>): Message => ({
  id: `m-${Math.random()}`,
  roomId: 'dm-bob',
  author: { id: 'u-bob', username: 'bob' },
  ts: Date.now(),
  kind: 'text',
  text: 'hi',
  status: 'sent',
  own: false,
  ...overrides,
});

/** Lets queued promise callbacks (settings refresh, link routing) run. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('desktop wiring', () => {
  beforeEach(async () => {
    fx.userData = await mkdtemp(join(tmpdir(), 'otr-desk-wiring-'));
    fx.listeners.clear();
    fx.notifications.length = 0;
    fx.dialogCalls = 0;
    fx.dialogMessages.length = 0;
    fx.dialogAnswer = 0;
  });
  afterEach(() => rm(fx.userData, { recursive: true, force: true }));

  it('notifies a private message without its text, and a click opens that room', async () => {
    const { desktop, emit } = await start();
    desktop.onEvent('chat.message', incoming({ kind: 'private', text: 'meet me at the north gate' }), ACCOUNT);
    await settle();
    expect(fx.notifications.map((n) => n.body)).toEqual(['Encrypted message']);
    fx.notifications[0]?.click();
    expect(emit).toHaveBeenCalledWith('desktop.navigate', { to: 'room', roomId: 'dm-bob' }, ACCOUNT);
  });

  it('does not notify for the room the user is looking at', async () => {
    const { desktop, win, handlers } = await start();
    win.focused = true;
    await handlers['rooms.open']('dm-bob');
    desktop.onEvent('chat.message', incoming({}), ACCOUNT);
    await settle();
    expect(fx.notifications).toEqual([]);
  });

  it('follows a settings change at once: notifications turned off stay off', async () => {
    const { desktop, settings } = await start();
    settings.change({ notifications: false });
    desktop.onEvent('chat.message', incoming({ text: 'hello' }), ACCOUNT);
    await settle();
    expect(fx.notifications).toEqual([]);
  });

  it('keeps running in the tray when the window is closed, until that setting is off or the app quits', async () => {
    const { win, settings } = await start();
    const listeners = win.on.mock.calls.filter(([event]) => event === 'close').map(([, l]) => l as (e: { preventDefault(): void }) => void);
    const clickClose = () => {
      const preventDefault = vi.fn();
      for (const listener of listeners) listener({ preventDefault });
      return preventDefault.mock.calls.length === 0 ? 'closed' : 'kept';
    };
    expect(clickClose()).toBe('kept');
    expect(win.visible).toBe(false);
    expect(fx.notifications.map((n) => n.body)).toEqual([expect.stringContaining('keeps running in the tray')]);
    win.visible = true;
    expect(clickClose()).toBe('kept');
    expect(fx.notifications).toHaveLength(1);
    settings.change({ closeToTray: false });
    expect(clickClose()).toBe('closed');
    settings.change({ closeToTray: true });
    fx.listeners.get('before-quit')?.();
    expect(clickClose()).toBe('closed');
  });

  it('shows the unread total in the tray', async () => {
    const { desktop } = await start();
    desktop.onEvent('rooms.changed', rooms, ACCOUNT);
    expect(fx.tray.tooltip).toBe('OTR Desk — 3 unread');
  });

  it('opens a direct-message link from a second start once the UI is ready, starting the DM after the user agrees', async () => {
    const { win, emit, handlers, ready } = await start();
    win.visible = false;
    fx.listeners.get('second-instance')?.({}, ['otr-desk', 'rocketchat://room?host=chat.example.com&path=direct/carol']);
    await settle();
    expect(win.visible).toBe(true);
    expect(emit.mock.calls.filter(([name]) => name === 'desktop.navigate')).toEqual([]);
    ready();
    await settle();
    expect(fx.dialogMessages).toEqual(['A link asks to start a conversation with carol. Start it?']);
    expect(handlers['rooms.startDirect']).toHaveBeenCalledWith('carol');
    expect(emit).toHaveBeenCalledWith('desktop.navigate', { to: 'room', roomId: 'dm-carol' }, ACCOUNT);
  });

  it('creates no conversation on the server when the user declines a direct-message link (asked in Dutch)', async () => {
    const { emit, handlers, ready, settings } = await start();
    settings.change({ language: 'nl' });
    ready();
    await settle();
    fx.dialogAnswer = 1;
    fx.listeners.get('open-url')?.({ preventDefault() {} }, 'rocketchat://room?host=chat.example.com&path=direct/mallory');
    await settle();
    expect(fx.dialogMessages).toEqual(['Een link wil een gesprek met mallory starten. Starten?']);
    expect(handlers['rooms.startDirect']).not.toHaveBeenCalled();
    expect(emit.mock.calls.filter(([name]) => name === 'desktop.navigate')).toEqual([]);
  });

  it('opens an existing direct conversation from a link without asking', async () => {
    const { emit, handlers, ready } = await start();
    ready();
    await settle();
    fx.listeners.get('open-url')?.({ preventDefault() {} }, 'rocketchat://room?host=chat.example.com&path=direct/bob');
    await settle();
    expect(fx.dialogCalls).toBe(0);
    expect(handlers['rooms.startDirect']).not.toHaveBeenCalled();
    expect(emit).toHaveBeenCalledWith('desktop.navigate', { to: 'room', roomId: 'dm-bob' }, ACCOUNT);
  });

  it('asks before following a link to another server, and goes to its sign-in only on yes', async () => {
    const { emit, ready } = await start();
    ready();
    await settle();
    fx.dialogAnswer = 1;
    fx.listeners.get('open-url')?.({ preventDefault() {} }, 'rocketchat://room?host=other.example.org&rid=x');
    await settle();
    expect(fx.dialogCalls).toBe(1);
    expect(emit.mock.calls.filter(([name]) => name === 'desktop.navigate')).toEqual([]);
    fx.dialogAnswer = 0;
    fx.listeners.get('open-url')?.({ preventDefault() {} }, 'rocketchat://room?host=other.example.org&rid=x');
    await settle();
    expect(emit).toHaveBeenCalledWith('desktop.navigate', { to: 'sign-in', serverUrl: 'https://other.example.org' }, 'acc0000009');
  });

  it('ignores links to rooms the user is not in', async () => {
    const { emit, ready } = await start();
    ready();
    fx.listeners.get('open-url')?.({ preventDefault() {} }, 'rocketchat://room?host=chat.example.com&path=group/secret-club');
    await settle();
    expect(emit).not.toHaveBeenCalled();
  });

  it('with two servers: the tray sums both, a notification names its server and opens the room on that account', async () => {
    const { desktop, emit, registry } = await start(true);
    desktop.onEvent('rooms.changed', otherRooms, OTHER);
    expect(fx.tray.tooltip).toBe('OTR Desk — 7 unread');
    desktop.onEvent('chat.message', incoming({ author: { id: 'u-dave', username: 'dave' } }), OTHER);
    await settle();
    expect(fx.notifications.map((n) => n.title)).toEqual(['dave — 127.0.0.1:3999']);
    fx.notifications[0]?.click();
    await settle();
    expect(registry.activate).toHaveBeenCalledWith(OTHER);
    expect(emit).toHaveBeenCalledWith('desktop.navigate', { to: 'room', roomId: 'dm-bob' }, OTHER);
  });

  it('opens a link on the server it names, among several', async () => {
    const { emit, ready, registry } = await start(true);
    ready();
    await settle();
    fx.listeners.get('open-url')?.({ preventDefault() {} }, 'rocketchat://room?host=127.0.0.1:3999&rid=dm-bob');
    await settle();
    expect(fx.dialogCalls).toBe(0);
    expect(registry.activate).toHaveBeenCalledWith(OTHER);
    expect(emit).toHaveBeenCalledWith('desktop.navigate', { to: 'room', roomId: 'dm-bob' }, OTHER);
  });
});
