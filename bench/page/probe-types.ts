// What the in-page probe reports; shared by the page script and the bench that reads it. No DOM here.

export interface OpenTiming {
  /** From the click event to the first message rows in the DOM, wherever the list is scrolled. */
  firstRowsMs: number;
  /** From the click event to the newest message laid out inside the visible list (DOM and layout done). */
  settledMs: number;
  /** From the click event to the end of that frame: the first screen, painted. */
  paintMs: number;
}

export interface DomCounts {
  /** Rows of the virtualised message list present in the DOM. */
  rows: number;
  /** Every element in the page. */
  elements: number;
}

export interface StartupTiming {
  /** Navigation start → the end of the frame in which the target was laid out (painted). */
  readyMs: number;
  /** Chromium's first-contentful-paint: the first frame that drew anything of the page. */
  firstPaintMs: number;
  /** What that first content was: the static loading splash, the app's own loading line, or the target. */
  firstContent: 'splash' | 'app-loading' | 'target' | 'other';
}

/** Expressions the bench evaluates in the page (strings: the bench is typed without the DOM). */
export const PROBE = {
  arm: 'window.__otrBenchProbe.arm()',
  armControl: 'window.__otrBenchProbe.armControl()',
  counts: 'window.__otrBenchProbe.counts()',
} as const;
