import type { ResolvedOptions } from './options.js';

/** The major number of a version string such as '7.10.0' (NaN when it has none). */
export function majorOf(version: string): number {
  return Number.parseInt(version.split('.')[0] ?? '', 10);
}

/**
 * Whether the modelled version still has Rocket.Chat's own OTR (removed in 8.0.0 by RocketChat/Rocket.Chat#36691):
 * the `OTR_Enable` setting, the `<uid>/otr` write rule, the `t: 'otr'` relay, `updateOTRAck`,
 * `deleteOldOTRMessages` and `/v1/chat.otr`.
 */
export function hasNativeOtr(options: ResolvedOptions): boolean {
  const major = majorOf(options.version);
  return Number.isFinite(major) && major < 8;
}

/** Whether `messages/get` and REST `chat.syncMessages` page with `type`/`next`/`previous`/`count` (7.1.0 and later). */
export function hasSyncCursors(options: ResolvedOptions): boolean {
  const [major = 0, minor = 0] = options.version.split('.').map((part) => Number.parseInt(part, 10) || 0);
  return major > 7 || (major === 7 && minor >= 1);
}

/** The public setting `OTR_Enable` where it exists. */
export function otrEnabled(options: ResolvedOptions): boolean {
  return hasNativeOtr(options) && options.otrEnable;
}
