import { tooManyRequests } from '../ddp/errors.js';

export interface RateRule {
  limit: number;
  intervalMs: number;
}

/**
 * Fixed-window counters per (method, user), like Meteor's DDPRateLimiter: every call counts, and once a window
 * holds more than `limit` calls the rest fail with `too-many-requests` until the window ends.
 */
export class RateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly rules: ReadonlyMap<string, RateRule>,
    private readonly enabled: boolean,
  ) {}

  /** Throws `too-many-requests` (with details.timeToReset in ms) when the call is over the limit. */
  check(method: string, userId: string | null, now = Date.now()): void {
    const rule = this.rules.get(method);
    if (!rule || !this.enabled) return;
    const key = `${method}\u0000${userId ?? ''}`;
    let window = this.windows.get(key);
    if (!window || now - window.start >= rule.intervalMs) {
      window = { start: now, count: 0 };
      this.windows.set(key, window);
    }
    window.count += 1;
    if (window.count > rule.limit) throw tooManyRequests(rule.intervalMs - (now - window.start));
  }

  reset(): void {
    this.windows.clear();
  }
}
