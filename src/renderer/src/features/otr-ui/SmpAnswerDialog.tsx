// The peer started an identity check: answer their question (or type the shared secret), or stop it.
import { useId, useState, type FormEvent } from 'react';
import { useApp, useT } from '../../store/context.js';
import { Dialog } from '../../ui/Dialog.js';
import { ShieldIcon } from '../../ui/icons.js';
import { useBusy } from '../../ui/use-busy.js';
import type { PhaseDialogProps } from './RequestDialogs.js';

export function SmpAnswerDialog(props: PhaseDialogProps) {
  const t = useT();
  const runOtr = useApp((s) => s.runOtr);
  const [busy, run] = useBusy();
  const [answer, setAnswer] = useState('');
  const bodyId = useId();
  const { roomId, smp } = props.view;
  const abort = () => run(() => runOtr(roomId, (otr) => otr.smpAbort(roomId)));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (answer === '') return;
    run(() => runOtr(roomId, (otr) => otr.smpAnswer(roomId, answer)));
  };
  return (
    <Dialog title={t('smp.askedTitle', { user: props.peer })} describedBy={bodyId} onEscape={abort} icon={<ShieldIcon />}>
      <form className="form" onSubmit={submit}>
        <p id={bodyId}>
          {smp?.question
            ? t('smp.askedQuestion', { user: props.peer, question: smp.question })
            : t('smp.askedSecret', { user: props.peer })}
        </p>
        <label>
          {smp?.question ? t('smp.answer') : t('smp.secret')}
          <input value={answer} onChange={(e) => setAnswer(e.target.value)} data-autofocus autoComplete="off" />
        </label>
        <div className="button-row">
          <button type="button" disabled={busy} onClick={abort}>
            {t('smp.abort')}
          </button>
          <button type="submit" className="primary" disabled={busy || answer === ''}>
            {t('smp.send')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

/** True while the peer waits for my answer to their check. */
export function peerAwaitsAnswer(smp: PhaseDialogProps['view']['smp']): boolean {
  if (!smp || smp.startedBy === 'me') return false;
  return smp.phase === 'question' || smp.phase === 'asked';
}
