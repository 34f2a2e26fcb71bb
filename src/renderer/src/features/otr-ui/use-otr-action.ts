// What every OTR dialog and panel does with its buttons: run one OTR call for the room, never two at once.
import { useCallback } from 'react';
import type { OtrCall } from '../../store/app-store.js';
import { useApp } from '../../store/context.js';
import { useBusy } from '../../ui/use-busy.js';

export function useOtrAction(roomId: string): {
  busy: boolean;
  /** Runs `call` unless one is already running; `onDone` learns whether it succeeded (failures show a problem). */
  act: (call: OtrCall, onDone?: (ok: boolean) => void) => void;
} {
  const runOtr = useApp((s) => s.runOtr);
  const [busy, run] = useBusy();
  const act = useCallback(
    (call: OtrCall, onDone?: (ok: boolean) => void) =>
      run(async () => {
        const ok = await runOtr(roomId, call);
        onDone?.(ok);
      }),
    [run, runOtr, roomId],
  );
  return { busy, act };
}
