// Closing a messenger's window on Windows and Linux usually keeps it running in the tray: messages and OTR
// requests keep arriving, notifications keep coming, and private sessions are not cut off by a stray click on ×.
// The setting decides; Quit in the tray (or the OS ending the session) still quits. macOS already keeps the app
// running in the dock when its window closes, so nothing changes there.

/** The slice of BrowserWindow this module uses. */
export interface ClosableWindow {
  on(event: 'close', listener: (event: { preventDefault(): void }) => void): unknown;
  hide(): void;
}

export interface CloseToTrayOptions {
  /** The user's setting, read at the moment of closing. */
  enabled: () => boolean;
  /** True once the app is quitting ('before-quit'): then the window really closes. */
  quitting: () => boolean;
  platform: NodeJS.Platform;
  /** The first time in a run the window goes to the tray instead of closing: say where the app went. */
  onFirstHide?: () => void;
}

export function keepRunningInTray(win: ClosableWindow, options: CloseToTrayOptions): void {
  if (options.platform === 'darwin') return;
  let told = false;
  win.on('close', (event) => {
    if (options.quitting() || !options.enabled()) return;
    event.preventDefault();
    win.hide();
    if (told) return;
    told = true;
    options.onFirstHide?.();
  });
}
