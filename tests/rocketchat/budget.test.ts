// The client-side budget mirrors Rocket.Chat's limiter: it never lets more through than the server allows.
import { describe, expect, it } from 'vitest';
import { CallBudget } from '../../src/main/rocketchat/budget.js';
import { flush, ManualClock } from './helpers.js';

async function granted(clock: ManualClock, budget: CallBudget, kind: 'method' | 'subscription', name: string, count: number) {
  const at: number[] = [];
  const start = clock.now();
  const all = Array.from({ length: count }, () => budget.take(kind, name).then(() => at.push(clock.now() - start)));
  await flush();
  for (let i = 0; i < 200 && at.length < count; i++) await clock.advance(250);
  await Promise.all(all);
  return at;
}

describe('CallBudget', () => {
  it('lets 10 calls of a method through at once and the 11th only after the 10 s window (plus a margin)', async () => {
    const clock = new ManualClock();
    const at = await granted(clock, new CallBudget(clock), 'method', 'loadHistory', 11);
    expect(at.slice(0, 10).every((t) => t === 0)).toBe(true);
    expect(at[10]).toBeGreaterThanOrEqual(10_000);
  });

  it('gives stream-* subscriptions 40 per 40 s, and counts methods and subscriptions apart', async () => {
    const clock = new ManualClock();
    const budget = new CallBudget(clock);
    const subs = await granted(clock, budget, 'subscription', 'stream-room-messages', 41);
    expect(subs.slice(0, 40).every((t) => t === 0)).toBe(true);
    expect(subs[40]).toBeGreaterThanOrEqual(40_000);
    const calls = await granted(clock, budget, 'method', 'stream-room-messages', 1);
    expect(calls).toEqual([0]);
  });

  it('paces sendMessage to 5 a second', async () => {
    const clock = new ManualClock();
    const at = await granted(clock, new CallBudget(clock), 'method', 'sendMessage', 6);
    expect(at.slice(0, 5).every((t) => t === 0)).toBe(true);
    expect(at[5]).toBeGreaterThanOrEqual(1000);
  });

  it('holds a method back until the time a refusal named', async () => {
    const clock = new ManualClock();
    const budget = new CallBudget(clock);
    budget.refused('method', 'rooms/get', clock.now() + 3000);
    const at = await granted(clock, budget, 'method', 'rooms/get', 1);
    expect(at[0]).toBeGreaterThanOrEqual(3000);
    expect(budget.stats).toEqual({ taken: 1, refused: 1 });
  });
});
