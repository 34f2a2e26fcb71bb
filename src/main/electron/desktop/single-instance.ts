// One running OTR Desk per profile: a second start hands its arguments (possibly a rocketchat:// link) to the
// first one, which comes to the front. Two instances would fight over the same OTR sessions and key files.
import { deepLinkInArgv } from './deep-links.js';

/** The slice of BrowserWindow needed to bring it forward. */
export interface FocusableWindow {
  isDestroyed(): boolean;
  isMinimized(): boolean;
  isVisible(): boolean;
  restore(): void;
  show(): void;
  focus(): void;
}

/** Brings a window to the front from minimised, hidden (tray) or behind other windows. */
export function bringToFront(win: FocusableWindow | undefined): boolean {
  if (!win || win.isDestroyed()) return false;
  if (win.isMinimized()) win.restore();
  if (!win.isVisible()) win.show();
  win.focus();
  return true;
}

export interface SingleInstanceApp {
  requestSingleInstanceLock(): boolean;
  on(event: 'second-instance', listener: (event: unknown, argv: string[]) => void): unknown;
}

export interface SingleInstanceOptions {
  getWindow: () => FocusableWindow | undefined;
  /** A rocketchat:// link the second start was given; goes to the deep-link router. */
  onDeepLink: (url: string) => void;
}

/**
 * Takes the single-instance lock. False means another instance has it: this one should quit right away
 * (that instance has been sent our argv). True means we are the first, and later starts are routed here.
 */
export function claimSingleInstance(app: SingleInstanceApp, options: SingleInstanceOptions): boolean {
  if (!app.requestSingleInstanceLock()) return false;
  routeSecondInstances(app, options);
  return true;
}

/** For when the lock was taken elsewhere: later starts bring our window forward and hand over their link. */
export function routeSecondInstances(app: Pick<SingleInstanceApp, 'on'>, options: SingleInstanceOptions): void {
  app.on('second-instance', (_event, argv) => {
    bringToFront(options.getWindow());
    const link = deepLinkInArgv(argv);
    if (link) options.onDeepLink(link);
  });
}
