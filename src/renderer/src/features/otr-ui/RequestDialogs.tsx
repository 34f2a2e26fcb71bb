// Dialogs while a request is open: my own (waiting, with countdown) and the peer's (Yes / No).
import { useId } from 'react';
import type { OtrRoomView } from '../../../../contract/model.js';
import { useT } from '../../store/context.js';
import { Dialog } from '../../ui/Dialog.js';
import { DialogButtons } from '../../ui/DialogButtons.js';
import { HourglassIcon, LockIcon } from '../../ui/icons.js';
import { secondsUntil, useNow } from '../../ui/use-now.js';
import { useOtrAction } from './use-otr-action.js';

export interface PhaseDialogProps {
  view: OtrRoomView;
  peer: string;
}

export function WaitingDialog(props: PhaseDialogProps) {
  const t = useT();
  const bodyId = useId();
  const { roomId } = props.view;
  const { busy, act } = useOtrAction(roomId);
  const cancel = () => act((otr) => otr.cancel(roomId));
  return (
    <Dialog title={t('otr.waiting.title', { user: props.peer })} describedBy={bodyId} onEscape={cancel} icon={<HourglassIcon />}>
      <p id={bodyId}>{t('otr.waiting.body', { user: props.peer })}</p>
      {props.view.expiresAt !== undefined && <Countdown expiresAt={props.view.expiresAt} />}
      <DialogButtons busy={busy} actions={[{ label: t('app.cancel'), focus: true, onClick: cancel }]} />
    </Dialog>
  );
}

export function IncomingDialog(props: PhaseDialogProps) {
  const t = useT();
  const bodyId = useId();
  const { roomId } = props.view;
  const { busy, act } = useOtrAction(roomId);
  return (
    <Dialog role="alertdialog" title={t('otr.incoming.title')} describedBy={bodyId} icon={<LockIcon />}>
      <p id={bodyId}>{t('otr.incoming.body', { user: props.peer })}</p>
      {props.view.expiresAt !== undefined && <Countdown expiresAt={props.view.expiresAt} />}
      <DialogButtons
        busy={busy}
        actions={[
          { label: t('otr.no'), onClick: () => act((otr) => otr.decline(roomId)) },
          { label: t('otr.yes'), primary: true, focus: true, onClick: () => act((otr) => otr.accept(roomId)) },
        ]}
      />
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
