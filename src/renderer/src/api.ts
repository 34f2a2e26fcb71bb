// The one door to main: the api the preload (or the browser host's bridge) puts on the window.
import { API_GLOBAL } from '../../contract/api-global.js';
import type { AppApi } from '../../contract/api.js';

/** Returns the api, or null when the page was opened without a preload/bridge. */
export function findApi(): AppApi | null {
  const value = (globalThis as Record<string, unknown>)[API_GLOBAL];
  if (typeof value !== 'object' || value === null) return null;
  return value as AppApi;
}
