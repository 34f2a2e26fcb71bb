// A list the user can take entries out of (known fingerprints, trusted certificates): loaded from main, reloaded
// after each removal, and an error said in words when either call fails.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Result } from '../../../contract/calls.js';
import { useT } from '../store/context.js';
import { errorText } from './error-text.js';

export function useRevocableList<Entry, Key extends unknown[]>(
  list: () => Promise<Result<Entry[]>>,
  remove: (...key: Key) => Promise<Result<unknown>>,
): { entries: Entry[] | null; error: string | null; revoke: (...key: Key) => void } {
  const t = useT();
  // The latest calls, so a caller's inline arrows do not reload the list on every render.
  const calls = useRef({ list, remove });
  calls.current = { list, remove };
  const [entries, setEntries] = useState<Entry[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(async () => {
    const result = await calls.current.list();
    if (result.ok) setEntries(result.value);
    else setError(errorText(t, result.error));
  }, [t]);
  useEffect(() => {
    void load();
  }, [load]);
  const revoke = (...key: Key): void => {
    void calls.current.remove(...key).then(async (result) => {
      setError(result.ok ? null : errorText(t, result.error));
      await load();
    });
  };
  return { entries, error, revoke };
}
