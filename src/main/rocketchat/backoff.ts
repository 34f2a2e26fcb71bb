// Exponential backoff with "equal jitter": half of the step is fixed, half random, so many clients that lost the
// same server do not come back in lock-step, and a client never retries sooner than half the step.

export interface BackoffPolicy {
  /** First step in ms. */
  baseMs: number;
  /** Upper bound of a step in ms. */
  capMs: number;
}

export const defaultBackoff: BackoffPolicy = { baseMs: 500, capMs: 30_000 };

/** Delay before reconnect attempt `attempt` (1-based). `random` returns a number in [0, 1). */
export function backoffDelay(attempt: number, policy: BackoffPolicy, random: () => number): number {
  const exponent = Math.min(Math.max(attempt, 1) - 1, 30);
  const step = Math.min(policy.capMs, policy.baseMs * 2 ** exponent);
  return Math.round(step / 2 + (step / 2) * random());
}
