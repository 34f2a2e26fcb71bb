// The peer's request (Yes / No, with the countdown of the asker's timeout); my own waits in WaitingBar.tsx.
import { useId } from 'react';
import type { OtrRoomView } from '../../../../contract/model.js';
import { useT } from '../../store/context.js';
import { Dialog } from '../../ui/Dialog.js';
import { DialogButtons } from '../../ui/DialogButtons.js';
import { LockIcon } from '../../ui/icons.js';
import { secondsUntil, useNow } from '../../ui/use-now.js';
import { useOtrAction } from './use-otr-action.js';

export interface PhaseDialogProps {
  view: OtrRoomView;
  peer: string;
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

/** Seconds left on a request, ticking; silent for screen readers (the text beside it already says what goes on). */
export function Countdown(props: { expiresAt: number }) {
  const t = useT();
  const now = useNow(true);
  return (
    <p className="countdown" role="timer" aria-live="off">
      {t('otr.waiting.countdown', { seconds: secondsUntil(props.expiresAt, now) })}
    </p>
  );
}
