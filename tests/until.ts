// Waiting in tests for something another thread, socket or timer will make true.

/** Resolves once `check` holds, re-checking every 10 ms; fails naming `what` after `limitMs`. */
export async function until(check: () => boolean, what: string, limitMs = 30_000): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
