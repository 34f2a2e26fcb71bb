// Wires the desktop integration into the running app: the window (with its remembered state), tray and badge,
// notifications, deep links, second starts and spellcheck. main.ts calls wireDesktop() once the core exists
// and feeds it every event the core emits.
// Importing this module registers the macOS 'open-url' listener: the OS delivers the link that launched the
// app before 'ready', so it must be listening from the start; links wait in the router until the UI is up.
import { resolve } from 'node:path';
import { app, dialog, Menu, nativeImage, Notification, screen, session, Tray, type BrowserWindow } from 'electron';
import type { EventName, EventPayload, EventSink } from '../../../contract/events.js';
import type { Session, Settings } from '../../../contract/model.js';
import type { AppCore } from '../../app-core.js';
import { eventSender } from '../ipc-bridge.js';
import { createDeepLinkRouter, deepLinkInArgv, listenForOpenUrl, registerDeepLinkProtocol, type RoomLink } from './deep-links.js';
import { roomForLink, serverHost } from './link-target.js';
import { keepRunningInTray } from './close-to-tray.js';
import { createMessageNotifier } from './notifications.js';
import { bringToFront, routeSecondInstances } from './single-instance.js';
import { applySpellCheckLanguages } from './spellcheck.js';
import { badgeIconPath, createUnreadTray, trayIconPath } from './tray.js';
import { loadWindowState, trackWindowState } from './window-state.js';
import { desktopWords, resolveUiLanguage, type Question, type UiLanguage } from './words.js';

export interface DesktopWiringOptions {
  core: Pick<AppCore, 'handlers' | 'rooms' | 'settings'>;
  createWindow: (bounds?: Electron.Rectangle) => BrowserWindow;
  getWindow: () => BrowserWindow | undefined;
  setWindow: (win: BrowserWindow | undefined) => void;
  /** How navigation reaches the UI; pass main's audited sink. Defaults to sending to the window directly. */
  emit?: EventSink;
}

export interface DesktopWiring {
  /** Give it every event the core emits (rooms, messages, session). */
  onEvent: EventSink;
}

/** Filled in by wireDesktop; until then links only queue. */
let route: (link: RoomLink, server: 'known' | 'added') => Promise<void> = () => Promise.resolve();
let knownHost: string | undefined;
let confirm: (serverUrl: string) => Promise<boolean> = () => Promise.resolve(false);

const links = createDeepLinkRouter({
  isKnownServer: (host) => host === knownHost,
  confirmAddServer: (serverUrl) => confirm(serverUrl),
  open: (link, server) => route(link, server),
});
listenForOpenUrl(app, links);

export async function wireDesktop(options: DesktopWiringOptions): Promise<DesktopWiring> {
  const { core, getWindow } = options;
  const userData = app.getPath('userData');
  const emit =
    options.emit ??
    eventSender(() => {
      const win = getWindow();
      return win ? [win.webContents] : [];
    });

  // Read where needed, never copied: the store keeps them in memory and is the one place they change.
  const settings = (): Settings => core.settings.get();
  let quitting = false;
  const language = (): UiLanguage => resolveUiLanguage(settings().language, app.getLocale());

  let activeRoomId: string | undefined;
  observeOpenedRoom(core, (roomId) => (activeRoomId = roomId));

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
  const navigateToRoom = (roomId: string): void => {
    show();
    emit('desktop.navigate', { to: 'room', roomId });
  };

  const notifier = createMessageNotifier({
    Notification,
    isWindowFocused: () => getWindow()?.isFocused() ?? false,
    activeRoomId: () => activeRoomId,
    settings,
    language,
    onOpenRoom: navigateToRoom,
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
  core.settings.onChange(() => tray.relabel());

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
  route = async (link, server) => {
    if (server === 'added') {
      emit('desktop.navigate', { to: 'sign-in', serverUrl: link.serverUrl });
      return;
    }
    const roomId = await roomForLink(link, core.rooms(), core.handlers['rooms.startDirect'], confirmStartDirect);
    if (roomId) navigateToRoom(roomId);
  };

  const readiness = linkReadiness(() => void links.markReady());
  const launchLink = deepLinkInArgv(process.argv);
  if (launchLink) void links.handle(launchLink);
  win.webContents.once('did-finish-load', readiness.windowLoaded);
  const sessionResult = await core.handlers['session.get']();
  if (sessionResult.ok) onSession(sessionResult.value);

  function onSession(value: Session): void {
    knownHost = serverHost(value.serverUrl);
    readiness.session(value);
  }

  return {
    onEvent: <K extends EventName>(name: K, payload: EventPayload<K>) => {
      if (name === 'session.changed') onSession(payload as Session);
      if (name === 'rooms.changed') {
        tray.update(payload as EventPayload<'rooms.changed'>);
        readiness.roomsKnown();
      }
      if (name === 'chat.message') {
        const message = payload as EventPayload<'chat.message'>;
        const room = core.rooms().find((r) => r.id === message.roomId);
        if (room) notifier.notify(message, room);
      }
    },
  };
}

/**
 * Links can be followed once the UI is loaded and the room list is known (or there is none to wait for:
 * signed out, or offline with an error). Calls `ready` once.
 */
function linkReadiness(ready: () => void) {
  let loaded = false;
  let settled = false;
  let done = false;
  const check = (): void => {
    if (loaded && settled && !done) {
      done = true;
      ready();
    }
  };
  return {
    windowLoaded: () => {
      loaded = true;
      check();
    },
    roomsKnown: () => {
      settled = true;
      check();
    },
    session: (value: Session) => {
      if (value.connection.kind === 'signed-out' || value.connection.kind === 'offline') settled = true;
      check();
    },
  };
}

/**
 * Main learns which room is on screen from the renderer's own rooms.open calls: the handler is wrapped in
 * place, and the dispatcher looks handlers up per call, so the wrapped one is what runs.
 */
function observeOpenedRoom(core: Pick<AppCore, 'handlers'>, onOpen: (roomId: string) => void): void {
  const open = core.handlers['rooms.open'];
  core.handlers['rooms.open'] = (roomId) => {
    onOpen(roomId);
    return open(roomId);
  };
}
