// The SSO provider's page in a window of its own, never in the app's renderer: its own in-memory session
// partition (no cookies shared with anything, gone at quit), isolated and sandboxed, no preload, no Node, only
// http(s) navigation, no new windows, no permissions, no downloads. The flow reads where the window arrives
// (did-navigate: the server has answered that page, so what it stored is there) and closes it when done;
// the user closing it cancels.
import { BrowserWindow, session, type BrowserWindowConstructorOptions, type WebContents } from 'electron';
import type { SsoWindow } from '../rocketchat/sso.js';
import { isExternalLinkAllowed, lockedDown } from './window-security.js';

/** Not 'persist:': Electron keeps this session in memory only. */
export const SSO_PARTITION = 'otrdesk-sso';

/** Locked down like the app's window, but with no preload at all and a session of its own. */
export function ssoWebPreferences(packaged: boolean): NonNullable<BrowserWindowConstructorOptions['webPreferences']> {
  return { ...lockedDown(packaged), partition: SSO_PARTITION, spellcheck: false };
}

/** The provider may move between its own pages and the server's, over plain http(s) only (a web link's rule). */
export const isSsoNavigationAllowed = isExternalLinkAllowed;

let sessionHardened = false;
function hardenSsoSession(): void {
  if (sessionHardened) return;
  sessionHardened = true;
  const sso = session.fromPartition(SSO_PARTITION);
  sso.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  sso.setPermissionCheckHandler(() => false);
  sso.on('will-download', (event) => event.preventDefault());
}

export function hardenSsoContents(contents: WebContents): void {
  const limit = (event: { preventDefault(): void }, url: string): void => {
    if (!isSsoNavigationAllowed(url)) event.preventDefault();
  };
  contents.on('will-navigate', limit);
  contents.on('will-redirect', limit);
  contents.on('will-frame-navigate', (event) => limit(event, event.url));
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

export function createElectronSsoWindow(parent: () => BrowserWindow | undefined, packaged: boolean): SsoWindow {
  let current: BrowserWindow | undefined;
  const close = (): void => {
    if (current && !current.isDestroyed()) current.destroy();
    current = undefined;
  };
  return {
    open(url, size, watch) {
      close();
      hardenSsoSession();
      return new Promise((resolve) => {
        const owner = parent();
        const win = new BrowserWindow({
          width: size.width,
          height: size.height,
          ...(owner && !owner.isDestroyed() ? { parent: owner } : {}),
          title: 'Sign in',
          autoHideMenuBar: true,
          webPreferences: ssoWebPreferences(packaged),
        });
        current = win;
        let settled = false;
        const settle = (end: Parameters<typeof resolve>[0]): void => {
          if (settled) return;
          settled = true;
          resolve(end);
          if (current === win) current = undefined;
          if (!win.isDestroyed()) win.destroy();
        };
        const arrived = (address: string): void => {
          const end = watch(address);
          if (end) settle(end);
        };
        hardenSsoContents(win.webContents);
        win.webContents.on('did-navigate', (_event, address) => arrived(address));
        win.webContents.on('did-navigate-in-page', (_event, address, isMainFrame) => {
          if (isMainFrame) arrived(address);
        });
        win.on('closed', () => settle({ kind: 'closed' }));
        // A page that fails to load shows Chromium's error page; closing the window cancels.
        win.loadURL(url).catch(() => undefined);
      });
    },
    abort: close,
  };
}
