import { describe, expect, it, vi } from 'vitest';
import type { Room } from '../../src/contract/model.js';
import { badgeIconPath, createUnreadTray, trayIconPath, unreadTotal, type TrayDeps } from '../../src/main/electron/desktop/tray.js';

const room = (id: string, unread: number): Room => ({ id, type: 'd', name: id, displayName: id, unread });

function harness(language: 'en' | 'nl' = 'en') {
  const tray = { tooltip: '', menu: [] as { label: string; click: () => void }[], click: () => {}, destroyed: false };
  const deps: TrayDeps = {
    Tray: class {
      setToolTip(text: string) {
        tray.tooltip = text;
      }
      setContextMenu(menu: unknown) {
        tray.menu = menu as typeof tray.menu;
      }
      on(_event: 'click', listener: () => void) {
        tray.click = listener;
        return this;
      }
      destroy() {
        tray.destroyed = true;
      }
    },
    Menu: { buildFromTemplate: (template) => template },
    app: { setBadgeCount: vi.fn(() => true) },
    setOverlay: vi.fn(),
  };
  const onShow = vi.fn();
  const onQuit = vi.fn();
  const unread = createUnreadTray(deps, { iconPath: '/icons/32x32.png', language: () => language, onShow, onQuit });
  return { unread, tray, deps, onShow, onQuit };
}

describe('tray', () => {
  it('sums unread messages over all rooms', () => {
    expect(unreadTotal([room('a', 2), room('b', 0), room('c', 1)])).toBe(3);
    expect(unreadTotal([])).toBe(0);
  });

  it('shows the unread count in the tooltip and the badge', () => {
    const { unread, tray, deps } = harness();
    expect(tray.tooltip).toBe('OTR Desk');
    unread.update([room('a', 2), room('b', 1)]);
    expect(tray.tooltip).toBe('OTR Desk — 3 unread');
    expect(deps.app.setBadgeCount).toHaveBeenLastCalledWith(3);
    unread.update([room('a', 0), room('b', 0)]);
    expect(tray.tooltip).toBe('OTR Desk');
    expect(deps.app.setBadgeCount).toHaveBeenLastCalledWith(0);
  });

  it('puts an overlay on the Windows taskbar button while something is unread, saying how much', () => {
    const { unread, deps } = harness();
    unread.update([room('a', 2)]);
    expect(deps.setOverlay).toHaveBeenLastCalledWith(2, 'OTR Desk — 2 unread');
    unread.update([room('a', 0)]);
    expect(deps.setOverlay).toHaveBeenLastCalledWith(0, 'OTR Desk');
    unread.update([room('a', 1)]);
    unread.destroy();
    expect(deps.setOverlay).toHaveBeenLastCalledWith(0, '');
  });

  it('speaks Dutch when the app does', () => {
    const { unread, tray } = harness('nl');
    unread.update([room('a', 5)]);
    expect(tray.tooltip).toBe('OTR Desk — 5 ongelezen');
    expect(tray.menu.map((item) => item.label)).toEqual(['OTR Desk tonen', 'Afsluiten']);
  });

  it('offers Show and Quit, and shows the window when the icon is clicked', () => {
    const { tray, onShow, onQuit } = harness();
    expect(tray.menu.map((item) => item.label)).toEqual(['Show OTR Desk', 'Quit']);
    tray.menu[0]?.click();
    tray.click();
    tray.menu[1]?.click();
    expect(onShow).toHaveBeenCalledTimes(2);
    expect(onQuit).toHaveBeenCalledOnce();
  });

  it('clears the badge when destroyed', () => {
    const { unread, tray, deps } = harness();
    unread.update([room('a', 4)]);
    unread.destroy();
    expect(tray.destroyed).toBe(true);
    expect(deps.app.setBadgeCount).toHaveBeenLastCalledWith(0);
  });

  it('finds its icon inside the installed app and in the project when unpackaged', () => {
    const where = { resourcesPath: '/opt/OTR Desk/resources', appPath: '/src/otr-desk', platform: 'linux' as const };
    expect(trayIconPath({ ...where, isPackaged: true })).toBe('/opt/OTR Desk/resources/icons/32x32.png');
    expect(trayIconPath({ ...where, isPackaged: false })).toBe('/src/otr-desk/assets/icons/32x32.png');
    expect(trayIconPath({ ...where, isPackaged: true, platform: 'darwin' })).toBe('/opt/OTR Desk/resources/icons/16x16.png');
    expect(badgeIconPath({ ...where, isPackaged: true, platform: 'win32' })).toBe('/opt/OTR Desk/resources/icons/unread-16.png');
    expect(badgeIconPath({ ...where, isPackaged: false, platform: 'win32' })).toBe('/src/otr-desk/assets/overlay/unread-16.png');
  });
});
