// A client-side budget that mirrors Rocket.Chat's DDP rate limiter (see server/services/rate-limiter.ts and
// /work/shared/reference/real-server-behaviour.md), so the client waits its turn instead of being refused: a refused
// catch-up call is a lost message unless it is retried. Sliding windows (stricter than the server's fixed ones)
// with a small margin for network jitter; calls of one name keep their order.
import { sleep, type Clock } from './clock.js';

export type CallKind = 'method' | 'subscription';

/** What DdpConnection asks before every call and subscription, and tells after a refusal. */
export interface Pacer {
  take(kind: CallKind, name: string): Promise<void>;
  /** The server refused with too-many-requests: nothing of this name goes out before `retryAt`. */
  refused(kind: CallKind, name: string, retryAt: number): void;
}

interface Limit {
  key: string;
  count: number;
  windowMs: number;
}

// Per method name: 10 per 10 s per connection (and 20 per user), `stream-*` four times that over four times the
// interval; the specific method rules; 600 calls per minute per connection overall.
const SPECIFIC: Record<string, { count: number; windowMs: number }> = {
  sendMessage: { count: 5, windowMs: 1000 },
  createDirectMessage: { count: 10, windowMs: 60_000 },
  spotlight: { count: 100, windowMs: 100_000 },
};

export function limitsOf(kind: CallKind, name: string): Limit[] {
  const stream = name.startsWith('stream-');
  const limits: Limit[] = [
    { key: `${kind}:${name}`, count: stream ? 40 : 10, windowMs: stream ? 40_000 : 10_000 },
    { key: 'connection', count: 600, windowMs: 60_000 },
  ];
  const specific = kind === 'method' ? SPECIFIC[name] : undefined;
  if (specific) limits.push({ key: `rule:${name}`, ...specific });
  return limits;
}

const marginOf = (windowMs: number): number => Math.max(100, windowMs * 0.05);

export class CallBudget implements Pacer {
  private readonly granted = new Map<string, number[]>();
  private readonly blockedUntil = new Map<string, number>();
  private readonly chains = new Map<string, Promise<void>>();
  /** Calls and subscriptions that went out, and refusals the server still answered: for the bench and tests. */
  readonly stats = { taken: 0, refused: 0 };

  constructor(private readonly clock: Clock) {}

  take(kind: CallKind, name: string): Promise<void> {
    const limits = limitsOf(kind, name);
    const primary = limits[0]?.key ?? name;
    const turn = (this.chains.get(primary) ?? Promise.resolve()).then(() => this.waitFor(limits));
    this.chains.set(primary, turn.catch(() => undefined));
    return turn;
  }

  refused(kind: CallKind, name: string, retryAt: number): void {
    this.stats.refused += 1;
    const key = `${kind}:${name}`;
    this.blockedUntil.set(key, Math.max(this.blockedUntil.get(key) ?? 0, retryAt));
  }

  private async waitFor(limits: Limit[]): Promise<void> {
    for (let wait = this.waitMs(limits); wait > 0; wait = this.waitMs(limits)) await sleep(this.clock, wait);
    const now = this.clock.now();
    for (const limit of limits) {
      const list = this.granted.get(limit.key) ?? [];
      list.push(now);
      this.granted.set(limit.key, list);
    }
    this.stats.taken += 1;
  }

  /** How long until every limit has room (0: now). */
  private waitMs(limits: Limit[]): number {
    const now = this.clock.now();
    let wait = 0;
    for (const limit of limits) {
      wait = Math.max(wait, (this.blockedUntil.get(limit.key) ?? 0) - now);
      const span = limit.windowMs + marginOf(limit.windowMs);
      const list = (this.granted.get(limit.key) ?? []).filter((at) => now - at < span);
      this.granted.set(limit.key, list);
      const oldest = list[list.length - limit.count];
      if (list.length >= limit.count && oldest !== undefined) wait = Math.max(wait, oldest + span - now);
    }
    return wait;
  }
}
