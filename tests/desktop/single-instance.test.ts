import { describe, expect, it, vi } from 'vitest';
import { claimSingleInstance, type FocusableWindow } from '../../src/main/electron/desktop/single-instance.js';

function fakeWindow(state: { minimized?: boolean; visible?: boolean } = {}) {
  const win = {
    minimized: state.minimized ?? false,
    visible: state.visible ?? true,
    focused: false,
    isDestroyed: () => false,
    isMinimized: () => win.minimized,
    isVisible: () => win.visible,
    restore: () => (win.minimized = false),
    show: () => (win.visible = true),
    focus: () => (win.focused = true),
  };
  return win satisfies FocusableWindow;
}

function fakeApp(gotLock: boolean) {
  let secondInstance: ((event: unknown, argv: string[]) => void) | undefined;
  return {
    requestSingleInstanceLock: () => gotLock,
    on: vi.fn((_event: 'second-instance', listener: (event: unknown, argv: string[]) => void) => (secondInstance = listener)),
    startSecond: (argv: string[]) => secondInstance?.({}, argv),
  };
}

describe('single instance', () => {
  it('tells a second start to quit', () => {
    const app = fakeApp(false);
    expect(claimSingleInstance(app, { getWindow: () => undefined, onDeepLink: vi.fn() })).toBe(false);
    expect(app.on).not.toHaveBeenCalled();
  });

  it('brings the first window forward from the tray or the taskbar when started again', () => {
    const app = fakeApp(true);
    const win = fakeWindow({ minimized: true, visible: false });
    expect(claimSingleInstance(app, { getWindow: () => win, onDeepLink: vi.fn() })).toBe(true);
    app.startSecond(['/opt/otr-desk/otr-desk']);
    expect(win).toMatchObject({ minimized: false, visible: true, focused: true });
  });

  it('routes a link given to the second start to the first', () => {
    const app = fakeApp(true);
    const onDeepLink = vi.fn();
    claimSingleInstance(app, { getWindow: () => fakeWindow(), onDeepLink });
    app.startSecond(['/opt/otr-desk/otr-desk', '--no-sandbox', 'rocketchat://room?host=a.example&rid=x']);
    app.startSecond(['/opt/otr-desk/otr-desk']);
    expect(onDeepLink).toHaveBeenCalledExactlyOnceWith('rocketchat://room?host=a.example&rid=x');
  });

  it('copes with a second start before the window exists', () => {
    const app = fakeApp(true);
    const onDeepLink = vi.fn();
    claimSingleInstance(app, { getWindow: () => undefined, onDeepLink });
    app.startSecond(['x', 'rocketchat://room?host=a.example&rid=x']);
    expect(onDeepLink).toHaveBeenCalledOnce();
  });
});
