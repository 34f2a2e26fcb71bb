// The tray icon (Windows, Linux; the menu bar on macOS) with the unread count in its tooltip, a Show / Quit
// menu, the dock / launcher badge where the platform has one, and on Windows an overlay on the taskbar button.
import { join } from 'node:path';
import type { Room } from '../../../contract/model.js';
import { desktopWords, type UiLanguage } from '../../desktop/words.js';

export function unreadTotal(rooms: readonly Room[]): number {
  return rooms.reduce((sum, room) => sum + room.unread, 0);
}

export interface TrayIconLocation {
  isPackaged: boolean;
  /** process.resourcesPath: electron-builder copies assets/icons there as icons/ (extraResources). */
  resourcesPath: string;
  /** app.getAppPath(): the project root when running unpackaged. */
  appPath: string;
  platform: NodeJS.Platform;
}

/** Where the tray icon file is: 16 px for the macOS menu bar, 32 px elsewhere (scaled down as needed). */
export function trayIconPath(where: TrayIconLocation): string {
  const file = where.platform === 'darwin' ? '16x16.png' : '32x32.png';
  return where.isPackaged ? join(where.resourcesPath, 'icons', file) : join(where.appPath, 'assets', 'icons', file);
}

/** The Windows taskbar's unread overlay (a red dot; its description carries the count for screen readers). */
export function badgeIconPath(where: TrayIconLocation): string {
  return where.isPackaged ? join(where.resourcesPath, 'icons', 'unread-16.png') : join(where.appPath, 'assets', 'overlay', 'unread-16.png');
}

/** The slices of Electron's Tray, Menu and app this module uses. */
export interface TrayLike {
  setToolTip(text: string): void;
  setContextMenu(menu: unknown): void;
  on(event: 'click', listener: () => void): unknown;
  destroy(): void;
}
export interface TrayDeps {
  Tray: new (iconPath: string) => TrayLike;
  Menu: { buildFromTemplate(template: { label: string; click: () => void }[]): unknown };
  app: { setBadgeCount(count?: number): boolean };
  /** Windows only: puts the unread overlay on the taskbar button (count 0 removes it). */
  setOverlay?: (unread: number, description: string) => void;
}

export interface UnreadTrayOptions {
  iconPath: string;
  language: () => UiLanguage;
  onShow: () => void;
  onQuit: () => void;
}

export interface UnreadTray {
  /** Call with the full room list whenever it changes ('rooms.changed'). */
  update(rooms: readonly Room[]): void;
  /** Re-labels the menu after the language setting changed. */
  relabel(): void;
  destroy(): void;
}

export function createUnreadTray(deps: TrayDeps, options: UnreadTrayOptions): UnreadTray {
  const tray = new deps.Tray(options.iconPath);
  let unread = 0;

  const render = (): void => {
    const words = desktopWords(options.language());
    tray.setToolTip(words.trayTooltip(unread));
    tray.setContextMenu(
      deps.Menu.buildFromTemplate([
        { label: words.show, click: options.onShow },
        { label: words.quit, click: options.onQuit },
      ]),
    );
  };

  tray.on('click', options.onShow);
  render();
  deps.app.setBadgeCount(0);

  return {
    update(rooms) {
      const total = unreadTotal(rooms);
      if (total === unread) return;
      unread = total;
      render();
      // Supported on macOS and on Linux launchers that implement the Unity API; a no-op returning false elsewhere.
      deps.app.setBadgeCount(total);
      deps.setOverlay?.(total, desktopWords(options.language()).trayTooltip(total));
    },
    relabel: render,
    destroy() {
      tray.destroy();
      deps.app.setBadgeCount(0);
      deps.setOverlay?.(0, '');
    },
  };
}
