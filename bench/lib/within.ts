// A bench step that may never finish on a loaded machine (a key, an event, a shutdown) fails with a sentence
// saying what did not happen, instead of holding the run forever.

/** Settles as `work` does, or rejects with `sentence` once `limitMs` have passed. */
export function within<T>(work: Promise<T>, limitMs: number, sentence: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(sentence)), limitMs);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

/** "60 s", "0.05 s": how long a limit was, for the sentences. */
export const seconds = (ms: number): string => `${Math.round(ms) / 1000} s`;
