// Injected before a page loads (page.addInitScript): times the page from navigation start to the frame in
// which a target element is painted, and notes what the first frame with any content showed. Plain DOM, no
// imports but a type: the bench hands it the target selector through a global set in front of it.
import type { StartupTiming } from './probe-types.js';

declare global {
  interface Window {
    __otrStartupTarget?: string;
    __otrStartup?: StartupTiming;
  }
}

const target = window.__otrStartupTarget ?? 'body *';
let firstContent: StartupTiming['firstContent'] | undefined;

function shown(selector: string): boolean {
  const element = document.querySelector(selector);
  if (element === null) return false;
  const box = element.getBoundingClientRect();
  return box.width > 0 && box.height > 0;
}

function contentNow(): StartupTiming['firstContent'] | undefined {
  if (shown(target)) return 'target';
  if (shown('.boot-splash')) return 'splash';
  if (shown('.splash')) return 'app-loading';
  return document.body?.innerText.trim() ? 'other' : undefined;
}

// Once per frame, before it is drawn: what this frame will show.
const everyFrame = (): void => {
  firstContent ??= contentNow();
  if (!shown(target)) {
    requestAnimationFrame(everyFrame);
    return;
  }
  // A task posted now runs after this frame's rendering: the target has been painted.
  setTimeout(() => {
    const firstPaintMs = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? Number.NaN;
    window.__otrStartup = { readyMs: performance.now(), firstPaintMs, firstContent: firstContent ?? 'target' };
  }, 0);
};
requestAnimationFrame(everyFrame);
