// Runs one async action at a time from a screen, so a double click cannot send a call twice.
import { useCallback, useEffect, useRef, useState } from 'react';

export function useBusy(): [boolean, (action: () => Promise<unknown>) => void] {
  const [busy, setBusy] = useState(false);
  const running = useRef(false);
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);
  const run = useCallback((action: () => Promise<unknown>) => {
    if (running.current) return;
    running.current = true;
    setBusy(true);
    void action().finally(() => {
      running.current = false;
      if (mounted.current) setBusy(false);
    });
  }, []);
  return [busy, run];
}
