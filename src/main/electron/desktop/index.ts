// Wires the desktop integration into the running app: the window (with its remembered state), tray and badge,
// notifications, deep links, second starts and spellcheck, over every account. main.ts calls wireDesktop() once
// the accounts exist and feeds it every event they emit, each with its account's id.
// Importing this module registers the macOS 'open-url' listener: the OS delivers the link that launched the
// app before 'ready', so it must be listening from the start; links wait in the router until the UI is up.
import { resolve } from 'node:path';
import { app, dialog, Menu, nativeImage, Notification, screen, session, Tray, type BrowserWindow } from 'electron';
import type { AccountsState, AccountSummary } from '../../../contract/accounts.js';
import type { AddressedEventSink, EventName, EventPayload } from '../../../contract/events.js';
import type { Session, Settings } from '../../../contract/model.js';
import type { AppCore } from '../../app-core.js';
import { eventSender } from '../ipc-bridge.js';
import { createDeepLinkRouter, deepLinkInArgv, listenForOpenUrl, registerDeepLinkProtocol, type RoomLink } from './deep-links.js';
import { roomForLink } from './link-target.js';
import { linkReadiness, observeOpenedRooms, type OpenedRoom } from './account-rooms.js';
import { keepRunningInTray } from './close-to-tray.js';
import { bringToFront, routeSecondInstances } from './single-instance.js';
import { applySpellCheckLanguages } from './spellcheck.js';
import { badgeIconPath, createUnreadTray, trayIconPath } from './tray.js';
import { loadWindowState, trackWindowState } from './window-state.js';
import { notificationFeed, serverHost } from '../../desktop/notification-feed.js';
import { createMessageNotifier } from '../../desktop/notifications.js';
import { desktopWords, resolveUiLanguage, type Question, type UiLanguage } from '../../desktop/words.js';

/** What the wiring needs of the account registry (src/main/accounts/registry.ts). */
export interface DesktopAccounts {
  settings: AppCore['settings'];
  cores(): { id: string; core: Pick<AppCore, 'handlers' | 'rooms'>; summary: AccountSummary }[];
  readonly activeAccountId: string;
  activate(id: string): Promise<AccountsState>;
  add(): Promise<AccountsState>;
}

export interface DesktopWiringOptions {
  registry: DesktopAccounts;
  createWindow: (bounds?: Electron.Rectangle) => BrowserWindow;
  getWindow: () => BrowserWindow | undefined;
  setWindow: (win: BrowserWindow | undefined) => void;
  /** How navigation reaches the UI; pass main's audited sink. Defaults to sending to the window directly. */
  emit?: AddressedEventSink;
}

export interface DesktopWiring {
  /** Give it every event the accounts emit (rooms, messages, session), with the account's id. */
  onEvent: AddressedEventSink;
}

/** Filled in by wireDesktop; until then links only queue. */
let route: (link: RoomLink, server: 'known' | 'added') => Promise<void> = () => Promise.resolve();
let isKnownHost: (host: string) => boolean = () => false;
let confirm: (serverUrl: string) => Promise<boolean> = () => Promise.resolve(false);

const links = createDeepLinkRouter({
  isKnownServer: (host) => isKnownHost(host),
  confirmAddServer: (serverUrl) => confirm(serverUrl),
  open: (link, server) => route(link, server),
});
listenForOpenUrl(app, links);

export async function wireDesktop(options: DesktopWiringOptions): Promise<DesktopWiring> {
  const { registry, getWindow } = options;
  const userData = app.getPath('userData');
  const emit =
    options.emit ??
    eventSender(() => {
      const win = getWindow();
      return win ? [win.webContents] : [];
    });

  // Read where needed, never copied: the store keeps them in memory and is the one place they change.
  const settings = (): Settings => registry.settings.get();
  let quitting = false;
  const language = (): UiLanguage => resolveUiLanguage(settings().language, app.getLocale());

  let opened: OpenedRoom | undefined;
  const observeRooms = observeOpenedRooms((room) => (opened = room));
  const accounts = () => {
    const all = registry.cores();
    for (const { id, core } of all) observeRooms(id, core);
    return all;
  };
  const accountOf = (id: string) => accounts().find((account) => account.id === id);

  const openWindow = async (): Promise<BrowserWindow> => {
    const state = await loadWindowState(userData, screen);
    const win = options.createWindow(state.bounds);
    if (state.maximized) win.maximize();
    trackWindowState(win, userData, (err) => console.warn('window state not saved:', (err as Error).message));
    keepRunningInTray(win, {
      enabled: () => settings().closeToTray,
      quitting: () => quitting,
      platform: process.platform,
      onFirstHide: () => notifier.tell(desktopWords(language()).stillRunning),
    });
    win.on('closed', () => options.setWindow(undefined));
    options.setWindow(win);
    return win;
  };
  const show = (): void => {
    if (!bringToFront(getWindow())) void openWindow();
  };
  const navigateToRoom = async (accountId: string, roomId: string): Promise<void> => {
    show();
    if (registry.activeAccountId !== accountId) await registry.activate(accountId);
    emit('desktop.navigate', { to: 'room', roomId }, accountId);
  };

  const notifier = createMessageNotifier({
    Notification,
    isWindowFocused: () => getWindow()?.isFocused() ?? false,
    activeRoom: () => (opened?.accountId === registry.activeAccountId ? opened : undefined),
    settings,
    language,
    onOpenRoom: (accountId, roomId) => void navigateToRoom(accountId, roomId),
  });

  const win = await openWindow();
  applySpellCheckLanguages(app, session.defaultSession, process.platform);
  registerDeepLinkProtocol(app, process, (path) => resolve(path));
  routeSecondInstances(app, { getWindow, onDeepLink: (url) => void links.handle(url) });
  app.on('activate', show);

  const iconLocation = {
    isPackaged: app.isPackaged,
    resourcesPath: process.resourcesPath,
    appPath: app.getAppPath(),
    platform: process.platform,
  };
  let badge: Electron.NativeImage | undefined; // read from disk once, on the first unread message
  const setOverlay =
    process.platform === 'win32'
      ? (unread: number, description: string) => {
          if (unread > 0) badge ??= nativeImage.createFromPath(badgeIconPath(iconLocation));
          getWindow()?.setOverlayIcon(unread > 0 ? (badge ?? null) : null, unread > 0 ? description : '');
        }
      : undefined;
  const tray = createUnreadTray(
    { Tray, Menu, app, setOverlay },
    {
      iconPath: trayIconPath(iconLocation),
      language,
      onShow: show,
      onQuit: () => app.quit(),
    },
  );
  app.on('before-quit', () => {
    quitting = true;
    tray.destroy();
  });
  registry.settings.onChange(() => tray.relabel());

  /** A yes/no question in front of the window; Cancel is the default. */
  const ask = async (question: Question): Promise<boolean> => {
    show();
    const parent = getWindow();
    const box = {
      type: 'question' as const,
      buttons: [question.confirm, desktopWords(language()).cancel],
      defaultId: 1,
      cancelId: 1,
      title: question.title,
      message: question.message,
      detail: question.detail,
    };
    const { response } = parent ? await dialog.showMessageBox(parent, box) : await dialog.showMessageBox(box);
    return response === 0;
  };
  confirm = (serverUrl) => ask(desktopWords(language()).addServer(serverUrl));
  const confirmStartDirect = (username: string): Promise<boolean> => ask(desktopWords(language()).startDirect(username));
  const accountForHost = (host: string) => accounts().find((account) => serverHost(account.summary.serverUrl) === host);
  isKnownHost = (host) => accountForHost(host) !== undefined;
  route = async (link, server) => {
    const account = server === 'known' ? accountForHost(link.host) : undefined;
    if (!account) {
      // A server the user agreed to add: a new account, on its sign-in screen.
      const { activeId } = await registry.add();
      emit('desktop.navigate', { to: 'sign-in', serverUrl: link.serverUrl }, activeId);
      return;
    }
    const roomId = await roomForLink(link, account.core.rooms(), account.core.handlers['rooms.startDirect'], confirmStartDirect);
    if (roomId) await navigateToRoom(account.id, roomId);
  };

  const notify = notificationFeed(notifier, (id) => {
    const account = accountOf(id);
    return account && { rooms: () => account.core.rooms(), serverUrl: account.summary.serverUrl };
  });
  const readiness = linkReadiness(() => accounts().map((account) => account.id), () => void links.markReady());
  const launchLink = deepLinkInArgv(process.argv);
  if (launchLink) void links.handle(launchLink);
  win.webContents.once('did-finish-load', readiness.windowLoaded);
  for (const { id, core } of accounts()) {
    const sessionResult = await core.handlers['session.get']();
    if (sessionResult.ok) readiness.session(id, sessionResult.value);
  }

  return {
    onEvent: <K extends EventName>(name: K, payload: EventPayload<K>, accountId?: string) => {
      if (accountId === undefined) return;
      if (name === 'session.changed') readiness.session(accountId, payload as Session);
      if (name === 'rooms.changed') {
        // The badge sums every server.
        tray.update(accounts().flatMap((account) => account.core.rooms()));
        readiness.roomsKnown(accountId);
      }
      notify(name, payload, accountId);
    },
  };
}
