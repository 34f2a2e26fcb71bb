// Order statistics for benchmark samples. Pure: no clocks, no I/O.

/** The q-quantile (0..1) by nearest rank on a sorted copy; NaN for no samples. */
export function quantile(samples: readonly number[], q: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank]!;
}

export const median = (samples: readonly number[]): number => quantile(samples, 0.5);

export interface Spread {
  median: number;
  min: number;
  max: number;
  n: number;
}

export function spread(samples: readonly number[]): Spread {
  return {
    median: median(samples),
    min: samples.length === 0 ? Number.NaN : Math.min(...samples),
    max: samples.length === 0 ? Number.NaN : Math.max(...samples),
    n: samples.length,
  };
}

/** Rounds to a precision that suits the magnitude: 1234 → 1234, 12.34 → 12.3, 0.1234 → 0.12. */
export function tidy(x: number): number {
  if (!Number.isFinite(x)) return x;
  const abs = Math.abs(x);
  const digits = abs >= 100 ? 0 : abs >= 1 ? 1 : 2;
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
