import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  WINDOW_STATE_FILE,
  fitsOnADisplay,
  initialWindowState,
  loadWindowState,
  trackWindowState,
  type Rect,
  type ScreenLike,
  type TrackedWindow,
} from '../../src/main/electron/desktop/window-state.js';

const laptop: Rect = { x: 0, y: 0, width: 1920, height: 1050 };
const monitorRight: Rect = { x: 1920, y: 0, width: 2560, height: 1400 };

describe('which saved window position is restored', () => {
  it('keeps a window that fits on a current display', () => {
    expect(fitsOnADisplay({ x: 100, y: 50, width: 1200, height: 800 }, [laptop])).toBe(true);
    expect(fitsOnADisplay({ x: 2000, y: 100, width: 1400, height: 900 }, [laptop, monitorRight])).toBe(true);
    // Windows puts snapped windows a few pixels outside the work area.
    expect(fitsOnADisplay({ x: -7, y: 0, width: 967, height: 1057 }, [laptop])).toBe(true);
  });

  it('rejects a window on a monitor that is gone, or hanging off the screen', () => {
    expect(fitsOnADisplay({ x: 2000, y: 100, width: 1400, height: 900 }, [laptop])).toBe(false);
    expect(fitsOnADisplay({ x: 1500, y: 100, width: 1200, height: 800 }, [laptop])).toBe(false);
    expect(fitsOnADisplay({ x: -3000, y: -3000, width: 800, height: 600 }, [laptop])).toBe(false);
  });

  it('opens an off-screen window at 1200×800 in the middle of the primary display, still maximised if it was', () => {
    const saved = { bounds: { x: 2000, y: 100, width: 1400, height: 900 }, maximized: true };
    expect(initialWindowState(saved, [laptop], laptop)).toEqual({
      bounds: { x: 360, y: 125, width: 1200, height: 800 },
      maximized: true,
    });
  });

  it('shrinks the default window to fit a small screen', () => {
    const small: Rect = { x: 0, y: 0, width: 1024, height: 740 };
    expect(initialWindowState(null, [small], small).bounds).toEqual({ x: 0, y: 0, width: 1024, height: 740 });
  });
});

describe('window state on disk', () => {
  let dir: string;
  const screen: ScreenLike = {
    getAllDisplays: () => [{ workArea: laptop }, { workArea: monitorRight }],
    getPrimaryDisplay: () => ({ workArea: laptop }),
  };

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'otr-desk-window-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  function fakeWindow(bounds: Rect, maximized = false) {
    const listeners = new Map<string, () => void>();
    const win = {
      bounds,
      maximized,
      getNormalBounds: () => win.bounds,
      isMaximized: () => win.maximized,
      isDestroyed: () => false,
      on: (event: string, listener: () => void) => listeners.set(event, listener),
      emit: (event: string) => listeners.get(event)?.(),
    };
    return win satisfies TrackedWindow;
  }

  it('opens with defaults the first time', async () => {
    expect(await loadWindowState(dir, screen)).toEqual({
      bounds: { x: 360, y: 125, width: 1200, height: 800 },
      maximized: false,
    });
  });

  it('remembers where the window was moved to, across a restart', async () => {
    const win = fakeWindow({ x: 2100, y: 40, width: 1600, height: 1000 });
    const tracker = trackWindowState(win, dir);
    win.emit('moved');
    win.bounds = { x: 2200, y: 60, width: 1500, height: 1000 };
    win.maximized = true;
    win.emit('close');
    await tracker.flushed();
    expect(await loadWindowState(dir, screen)).toEqual({
      bounds: { x: 2200, y: 60, width: 1500, height: 1000 },
      maximized: true,
    });
  });

  it('writes the file whole, readable only by the user, leaving no temporary files', async () => {
    const win = fakeWindow({ x: 10, y: 20, width: 900, height: 700 });
    const tracker = trackWindowState(win, dir);
    for (const event of ['resized', 'moved', 'maximize', 'unmaximize', 'close']) win.emit(event);
    await tracker.flushed();
    expect(await readdir(dir)).toEqual([WINDOW_STATE_FILE]);
    const file = join(dir, WINDOW_STATE_FILE);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ x: 10, y: 20, width: 900, height: 700, maximized: false });
  });

  it('falls back to defaults when the file is damaged or implausible', async () => {
    const file = join(dir, WINDOW_STATE_FILE);
    for (const content of ['{"x": 10, "y": 2', '{"x":0,"y":0,"width":5,"height":5,"maximized":false}', 'null']) {
      await writeFile(file, content);
      expect((await loadWindowState(dir, screen)).bounds).toEqual({ x: 360, y: 125, width: 1200, height: 800 });
    }
  });
});
