import { describe, expect, it, vi } from 'vitest';
import { keepRunningInTray, type CloseToTrayOptions } from '../../src/main/electron/desktop/close-to-tray.js';

function windowWith(options: Partial<CloseToTrayOptions>) {
  let onClose: ((event: { preventDefault(): void }) => void) | undefined;
  const win = {
    hidden: false,
    on: (_event: 'close', listener: (event: { preventDefault(): void }) => void) => (onClose = listener),
    hide: () => (win.hidden = true),
  };
  keepRunningInTray(win, { enabled: () => true, quitting: () => false, platform: 'linux', ...options });
  /** Clicks × and says whether the window really closed. */
  const close = () => {
    const preventDefault = vi.fn();
    onClose?.({ preventDefault });
    return { closed: preventDefault.mock.calls.length === 0, hidden: win.hidden };
  };
  return { close };
}

describe('closing the window', () => {
  it('hides it to the tray when the setting is on, so messages and OTR requests keep arriving', () => {
    expect(windowWith({}).close()).toEqual({ closed: false, hidden: true });
    expect(windowWith({ platform: 'win32' }).close()).toEqual({ closed: false, hidden: true });
  });

  it('closes it when the setting is off', () => {
    expect(windowWith({ enabled: () => false }).close()).toEqual({ closed: true, hidden: false });
  });

  it('closes it when the app is quitting (Quit in the tray), whatever the setting', () => {
    expect(windowWith({ quitting: () => true }).close()).toEqual({ closed: true, hidden: false });
  });

  it('leaves macOS alone: the app already stays in the dock', () => {
    expect(windowWith({ platform: 'darwin' }).close()).toEqual({ closed: true, hidden: false });
  });

  it('says where the app went the first time only', () => {
    const onFirstHide = vi.fn();
    const { close } = windowWith({ onFirstHide });
    close();
    close();
    expect(onFirstHide).toHaveBeenCalledTimes(1);
  });

  it('reads the setting when the window closes, not when it opened', () => {
    let enabled = false;
    const { close } = windowWith({ enabled: () => enabled });
    enabled = true;
    expect(close()).toEqual({ closed: false, hidden: true });
  });
});
