// `npm run bench` prints, beside each missed goal, why it can miss. Those words must not carry figures from
// earlier runs: a reader takes every number in a bench run's output as measured by that run.
import { describe, expect, it } from 'vitest';
import { explain } from '../../bench/lib/explanations.js';
import type { Figure } from '../../bench/lib/report.js';
import { perSessionCompared } from '../../bench/sections/memory.js';

/** A measured quantity: a number with a unit of time, size or ratio, or an "about" sign. */
const MEASUREMENT = /≈|\d[\d.,]*\s*(?:ms|s|KiB|MiB|GiB|×|%)(?![A-Za-z])/;

const EXPLAINED = [
  'main-thread.keygen', 'main-thread.ake', 'handshake.start-to-private', 'latency.one-way.p50', 'latency.one-way.overhead',
  'latency.ping-pong.p50', 'renderer.open', 'renderer.open-first-page', 'startup.sign-in', 'startup.room-list',
];

const figure = (id: string): Figure => ({ id, label: id, value: 1, unit: 'ms', sampled: '1 run' });

describe('bench explanations', () => {
  it.each(EXPLAINED)('say why %s can miss without quoting figures from earlier runs', (id) => {
    const text = explain(figure(id));
    expect(text).toBeDefined();
    expect(text).not.toMatch(MEASUREMENT);
  });

  it('compare the memory per session only with what the run weighed', () => {
    const text = perSessionCompared(10 * 1024, 2 * 1024, 30 * 1024);
    expect(text).toBe('worker 10 KiB + main 2 KiB; the first session 30 KiB (with one-time warm-up)');
  });
});
