import { tooManyRequests } from '../ddp/errors.js';

/** What Meteor's DDPRateLimiter sees of each method call or subscription. */
export interface LimitInput {
  type: 'method' | 'subscription';
  name: string;
  userId: string | null;
  connectionId: string;
  clientAddress: string;
}

/**
 * One rule: which inputs it counts (`applies`), what it counts them by (`key`), and how many per interval.
 * Like Meteor's `Rule`, all counters of a rule reset together once its interval has passed.
 */
export interface RateRule {
  applies(input: LimitInput): boolean;
  key(input: LimitInput): string;
  limit: number;
  intervalMs: number;
}

/** The limiter's view of a call or subscription on a DDP connection. */
export function limitInput(
  session: { userId: string | null; id: string; clientAddress: string }, type: LimitInput['type'], name: string,
): LimitInput {
  return { type, name, userId: session.userId, connectionId: session.id, clientAddress: session.clientAddress };
}

export interface RateRuleSettings {
  sendMessagePerSecond: number;
  createDirectMessagePerMinute: number;
}

const isStream = (name: string): boolean => name.startsWith('stream-');
const perUserMethod = (name: string) => (input: LimitInput): boolean => input.type === 'method' && input.name === name && input.userId !== null;

/**
 * Rocket.Chat's defaults (app/lib/server/startup/rateLimiter.ts, server/settings/rate.ts): per IP (loopback
 * exempt), per user, per connection, per user per method and per connection per method — `stream-*` names get four
 * times the calls over four times the interval — plus the per-method rules of sendMessage, createDirectMessage and
 * spotlight. Methods and subscriptions are counted apart (the rules key on `type`).
 */
export function rocketChatRules(settings: RateRuleSettings): RateRule[] {
  const byMethod = (who: 'userId' | 'connectionId', limit: number, intervalMs: number, streams: boolean): RateRule => ({
    applies: (input) => isStream(input.name) === streams && (who === 'connectionId' || input.userId !== null),
    key: (input) => `${input.type}\u0000${input.name}\u0000${input[who] ?? ''}`,
    limit: streams ? limit * 4 : limit,
    intervalMs: streams ? intervalMs * 4 : intervalMs,
  });
  return [
    { applies: (i) => i.clientAddress !== '127.0.0.1', key: (i) => i.clientAddress, limit: 120_000, intervalMs: 60_000 },
    { applies: (i) => i.userId !== null, key: (i) => i.userId ?? '', limit: 1200, intervalMs: 60_000 },
    { applies: () => true, key: (i) => i.connectionId, limit: 600, intervalMs: 60_000 },
    byMethod('userId', 20, 10_000, false),
    byMethod('userId', 20, 10_000, true),
    byMethod('connectionId', 10, 10_000, false),
    byMethod('connectionId', 10, 10_000, true),
    { applies: perUserMethod('sendMessage'), key: (i) => i.userId ?? '', limit: settings.sendMessagePerSecond, intervalMs: 1000 },
    { applies: perUserMethod('createDirectMessage'), key: (i) => i.userId ?? '', limit: settings.createDirectMessagePerMinute, intervalMs: 60_000 },
    { applies: perUserMethod('spotlight'), key: (i) => i.userId ?? '', limit: 100, intervalMs: 100_000 },
  ];
}

interface RuleState {
  lastReset: number;
  counters: Map<string, number>;
}

/**
 * Meteor's DDPRateLimiter: every call or subscription is counted by each rule it matches (refused ones too),
 * and one over any rule's limit fails with `too-many-requests`, `details.timeToReset` the longest wait.
 */
export class RateLimiter {
  private readonly states: RuleState[];

  constructor(
    private readonly rules: readonly RateRule[],
    private readonly enabled: boolean,
  ) {
    this.states = rules.map(() => ({ lastReset: 0, counters: new Map() }));
  }

  /** Throws `too-many-requests` (with details.timeToReset in ms) when the input is over any rule. */
  check(input: LimitInput, now = Date.now()): void {
    const { timeToReset } = this.count(input, now);
    if (timeToReset >= 0) throw tooManyRequests(timeToReset);
  }

  /**
   * Counts the input; `timeToReset` is -1 when allowed. `remaining` and `resetIn` describe the tightest rule
   * (what REST reports in its X-RateLimit-* headers).
   */
  count(input: LimitInput, now = Date.now()): { timeToReset: number; remaining: number; resetIn: number; limit: number } {
    const answer = { timeToReset: -1, remaining: Number.MAX_SAFE_INTEGER, resetIn: 0, limit: 0 };
    if (!this.enabled) return answer;
    let timeToReset = -1;
    this.rules.forEach((rule, index) => {
      const state = this.states[index];
      if (!state || !rule.applies(input)) return;
      if (now - state.lastReset >= rule.intervalMs) {
        state.lastReset = now;
        state.counters.clear();
      }
      const key = rule.key(input);
      const count = (state.counters.get(key) ?? 0) + 1;
      state.counters.set(key, count);
      const resetIn = rule.intervalMs - (now - state.lastReset);
      if (count > rule.limit) timeToReset = Math.max(timeToReset, resetIn);
      if (rule.limit - count < answer.remaining) Object.assign(answer, { remaining: Math.max(0, rule.limit - count), resetIn, limit: rule.limit });
    });
    return { ...answer, timeToReset };
  }

  reset(): void {
    for (const state of this.states) {
      state.lastReset = 0;
      state.counters.clear();
    }
  }
}

// REST (API_Enable_Rate_Limiter defaults): 10 calls per minute per client address and route.
export const REST_LIMIT = 10;
export const REST_INTERVAL_MS = 60_000;

export function restRules(): RateRule[] {
  return [{ applies: () => true, key: (i) => `${i.clientAddress}\u0000${i.name}`, limit: REST_LIMIT, intervalMs: REST_INTERVAL_MS }];
}
