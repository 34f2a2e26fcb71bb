// The peer started an identity check: answer their question (or type the shared secret), or stop it.
import { useId, useState, type FormEvent } from 'react';
import type { OtrRoomView } from '../../../../contract/model.js';
import { useT } from '../../store/context.js';
import { Dialog } from '../../ui/Dialog.js';
import { ShieldIcon } from '../../ui/icons.js';
import type { PhaseDialogProps } from './RequestDialogs.js';
import { useOtrAction } from './use-otr-action.js';

export function SmpAnswerDialog(props: PhaseDialogProps) {
  const t = useT();
  const bodyId = useId();
  const { roomId } = props.view;
  const action = useOtrAction(roomId);
  return (
    <Dialog
      title={t('smp.askedTitle', { user: props.peer })}
      describedBy={bodyId}
      onEscape={() => action.act((otr) => otr.smpAbort(roomId))}
      icon={<ShieldIcon />}
    >
      <SmpAnswerForm view={props.view} peer={props.peer} action={action} textId={bodyId} autoFocus />
    </Dialog>
  );
}

/** The peer's question (or a request for the shared secret), a field for the answer, Stop and Send. */
export function SmpAnswerForm(props: {
  view: OtrRoomView;
  peer: string;
  action: ReturnType<typeof useOtrAction>;
  /** Id for the question text, when a dialog is described by it. */
  textId?: string;
  autoFocus?: boolean;
}) {
  const t = useT();
  const [answer, setAnswer] = useState('');
  const { roomId, smp } = props.view;
  const { busy, act } = props.action;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (answer === '') return;
    act((otr) => otr.smpAnswer(roomId, answer), (ok) => {
      if (ok) setAnswer('');
    });
  };
  return (
    <form className="form" onSubmit={submit}>
      <p id={props.textId}>
        {smp?.question
          ? t('smp.askedQuestion', { user: props.peer, question: smp.question })
          : t('smp.askedSecret', { user: props.peer })}
      </p>
      <label>
        {smp?.question ? t('smp.answer') : t('smp.secret')}
        <input
          value={answer}
          onChange={(e) => setAnswer(e.target.value)}
          data-autofocus={props.autoFocus ? true : undefined}
          autoComplete="off"
        />
      </label>
      <div className="button-row">
        <button type="button" disabled={busy} onClick={() => act((otr) => otr.smpAbort(roomId))}>
          {t('smp.abort')}
        </button>
        <button type="submit" className="primary" disabled={busy || answer === ''}>
          {t('smp.send')}
        </button>
      </div>
    </form>
  );
}
