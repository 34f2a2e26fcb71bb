// The window opens where the user left it: size, position and maximised state are kept in
// <userData>/window-state.json (atomic write, mode 0600), and a saved position is used only if the window
// still fits on a display that exists now — never restore onto an unplugged monitor.
import { join } from 'node:path';
import { z } from 'zod';
import { readFileIfExists, writeFileAtomic } from '../../storage/atomic-file.js';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface WindowState {
  bounds: Rect;
  maximized: boolean;
}

export const WINDOW_STATE_FILE = 'window-state.json';
export const DEFAULT_WINDOW_SIZE = { width: 1200, height: 800 } as const;
/** Windows reports bounds a few pixels outside the work area for a window snapped to its edge. */
const EDGE_TOLERANCE = 8;

const SavedState = z.object({
  x: z.number().int(),
  y: z.number().int(),
  width: z.number().int().min(100).max(100_000),
  height: z.number().int().min(100).max(100_000),
  maximized: z.boolean(),
});

/** Null for a missing, damaged or implausible file: the window then opens with defaults. */
export function parseSavedState(text: string): WindowState | null {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return null;
  }
  const parsed = SavedState.safeParse(json);
  if (!parsed.success) return null;
  const { maximized, ...bounds } = parsed.data;
  return { bounds, maximized };
}

/** True when `bounds` lies within the work area of one display (give or take a few pixels). */
export function fitsOnADisplay(bounds: Rect, workAreas: readonly Rect[]): boolean {
  return workAreas.some(
    (area) =>
      bounds.x >= area.x - EDGE_TOLERANCE &&
      bounds.y >= area.y - EDGE_TOLERANCE &&
      bounds.x + bounds.width <= area.x + area.width + EDGE_TOLERANCE &&
      bounds.y + bounds.height <= area.y + area.height + EDGE_TOLERANCE,
  );
}

/** 1200×800 (or less on a small screen), centred in the primary display's work area. */
export function defaultBounds(primary: Rect): Rect {
  const width = Math.min(DEFAULT_WINDOW_SIZE.width, primary.width);
  const height = Math.min(DEFAULT_WINDOW_SIZE.height, primary.height);
  return {
    x: primary.x + Math.round((primary.width - width) / 2),
    y: primary.y + Math.round((primary.height - height) / 2),
    width,
    height,
  };
}

/** The state to open with: the saved one if it fits on a current display, else defaults (keeping "maximised"). */
export function initialWindowState(saved: WindowState | null, workAreas: readonly Rect[], primary: Rect): WindowState {
  if (saved && fitsOnADisplay(saved.bounds, workAreas)) return saved;
  return { bounds: defaultBounds(primary), maximized: saved?.maximized ?? false };
}

/** The slice of Electron's screen module used; only usable after app 'ready'. */
export interface ScreenLike {
  getAllDisplays(): { workArea: Rect }[];
  getPrimaryDisplay(): { workArea: Rect };
}

export async function loadWindowState(userDataDir: string, screen: ScreenLike): Promise<WindowState> {
  const raw = await readFileIfExists(join(userDataDir, WINDOW_STATE_FILE));
  const saved = raw ? parseSavedState(raw.toString('utf8')) : null;
  const workAreas = screen.getAllDisplays().map((display) => display.workArea);
  return initialWindowState(saved, workAreas, screen.getPrimaryDisplay().workArea);
}

/** The slice of BrowserWindow that is tracked. */
export interface TrackedWindow {
  getNormalBounds(): Rect;
  isMaximized(): boolean;
  isDestroyed(): boolean;
  on(event: 'resized' | 'moved' | 'maximize' | 'unmaximize' | 'close', listener: () => void): unknown;
}

export async function saveWindowState(userDataDir: string, state: WindowState): Promise<void> {
  const { x, y, width, height } = state.bounds;
  const json = JSON.stringify({ x, y, width, height, maximized: state.maximized });
  await writeFileAtomic(join(userDataDir, WINDOW_STATE_FILE), json);
}

/**
 * Saves the window's state when the user finishes moving or resizing it, (un)maximises it, and on close.
 * Writes are queued so a late write never overwrites a newer state. Resolves `flushed()` after the last one.
 */
export function trackWindowState(
  win: TrackedWindow,
  userDataDir: string,
  onError: (err: unknown) => void = () => undefined,
): { flushed(): Promise<void> } {
  let queue = Promise.resolve();
  const save = (): void => {
    if (win.isDestroyed()) return;
    // Normal bounds: what the window returns to from maximised, so un-maximising after a restart works.
    const state: WindowState = { bounds: win.getNormalBounds(), maximized: win.isMaximized() };
    queue = queue.then(() => saveWindowState(userDataDir, state)).catch(onError);
  };
  for (const event of ['resized', 'moved', 'maximize', 'unmaximize', 'close'] as const) win.on(event, save);
  return { flushed: () => queue };
}
