// Dialogs while a request is open: my own (waiting, with countdown) and the peer's (Yes / No).
import { useId } from 'react';
import type { OtrRoomView } from '../../../../contract/model.js';
import { useApp, useT } from '../../store/context.js';
import { Dialog } from '../../ui/Dialog.js';
import { HourglassIcon, LockIcon } from '../../ui/icons.js';
import { useBusy } from '../../ui/use-busy.js';
import { secondsUntil, useNow } from '../../ui/use-now.js';

export interface PhaseDialogProps {
  view: OtrRoomView;
  peer: string;
}

export function WaitingDialog(props: PhaseDialogProps) {
  const t = useT();
  const runOtr = useApp((s) => s.runOtr);
  const [busy, run] = useBusy();
  const bodyId = useId();
  const { roomId } = props.view;
  const cancel = () => run(() => runOtr(roomId, (otr) => otr.cancel(roomId)));
  return (
    <Dialog title={t('otr.waiting.title', { user: props.peer })} describedBy={bodyId} onEscape={cancel} icon={<HourglassIcon />}>
      <p id={bodyId}>{t('otr.waiting.body', { user: props.peer })}</p>
      {props.view.expiresAt !== undefined && <Countdown expiresAt={props.view.expiresAt} />}
      <div className="button-row">
        <button type="button" disabled={busy} onClick={cancel} data-autofocus>
          {t('app.cancel')}
        </button>
      </div>
    </Dialog>
  );
}

export function IncomingDialog(props: PhaseDialogProps) {
  const t = useT();
  const runOtr = useApp((s) => s.runOtr);
  const [busy, run] = useBusy();
  const bodyId = useId();
  const { roomId } = props.view;
  return (
    <Dialog role="alertdialog" title={t('otr.incoming.title')} describedBy={bodyId} icon={<LockIcon />}>
      <p id={bodyId}>{t('otr.incoming.body', { user: props.peer })}</p>
      {props.view.expiresAt !== undefined && <Countdown expiresAt={props.view.expiresAt} />}
      <div className="button-row">
        <button type="button" disabled={busy} onClick={() => run(() => runOtr(roomId, (otr) => otr.decline(roomId)))}>
          {t('otr.no')}
        </button>
        <button
          type="button"
          className="primary"
          disabled={busy}
          data-autofocus
          onClick={() => run(() => runOtr(roomId, (otr) => otr.accept(roomId)))}
        >
          {t('otr.yes')}
        </button>
      </div>
    </Dialog>
  );
}

/** Seconds left on a request, ticking; silent for screen readers (the dialog already says what is going on). */
function Countdown(props: { expiresAt: number }) {
  const t = useT();
  const now = useNow(true);
  return (
    <p className="countdown" role="timer" aria-live="off">
      {t('otr.waiting.countdown', { seconds: secondsUntil(props.expiresAt, now) })}
    </p>
  );
}
