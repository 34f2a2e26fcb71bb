// Checking identity with a secret (SMP): question-and-answer or shared secret, with progress and result.
import { useId, useState, type FormEvent } from 'react';
import type { OtrRoomView } from '../../../../contract/model.js';
import type { StringKey } from '../../i18n/index.js';
import { useT } from '../../store/context.js';
import { useOtrAction } from './use-otr-action.js';
import { peerAwaitsAnswer } from './otr-status.js';
import { SmpAnswerForm } from './SmpAnswerDialog.js';

type Mode = 'question' | 'secret';

function progressKey(smp: OtrRoomView['smp']): StringKey | null {
  switch (smp?.phase) {
    case 'asked':
      return smp.startedBy === 'me' ? 'smp.waiting' : null;
    case 'in-progress':
      return 'smp.inProgress';
    case 'succeeded':
      return 'smp.succeeded';
    case 'failed':
      return 'smp.failed';
    case 'aborted':
      return 'smp.aborted';
    default:
      return null;
  }
}

export function SmpPanel(props: { view: OtrRoomView; peer: string }) {
  const t = useT();
  const [mode, setMode] = useState<Mode>('question');
  const [question, setQuestion] = useState('');
  const [secret, setSecret] = useState('');
  const headingId = useId();
  const { roomId, smp } = props.view;
  const action = useOtrAction(roomId);
  const { busy, act } = action;
  const abort = () => act((otr) => otr.smpAbort(roomId));
  const running = smp?.phase === 'asked' || smp?.phase === 'in-progress' || smp?.phase === 'question';
  const answering = peerAwaitsAnswer(smp);
  const progress = progressKey(smp);

  const start = (event: FormEvent) => {
    event.preventDefault();
    if (secret === '' || (mode === 'question' && question.trim() === '')) return;
    const request = mode === 'question' ? { secret, question: question.trim() } : { secret };
    act((otr) => otr.smpStart(roomId, request), (ok) => {
      if (ok) setSecret('');
    });
  };

  return (
    // The focus lands here when the button the user pressed turns into the next step (the dialog's fallback):
    // the panel's name, then its result line, is what a screen reader reads next.
    <section className="smp" aria-labelledby={headingId} tabIndex={-1} data-focus-fallback>
      <h3 id={headingId}>{t('smp.title')}</h3>
      <p className="hint">{t('smp.intro', { user: props.peer })}</p>
      {progress && (
        <p className={`smp-result smp-${smp?.phase ?? 'idle'}`} role="status">
          {t(progress, { user: props.peer })}
        </p>
      )}
      {answering ? (
        <SmpAnswerForm view={props.view} peer={props.peer} action={action} />
      ) : running ? (
        <div className="button-row">
          <button type="button" disabled={busy} onClick={abort}>
            {t('smp.abort')}
          </button>
        </div>
      ) : (
        <form className="form" onSubmit={start}>
          <fieldset className="segmented">
            <legend className="visually-hidden">{t('smp.title')}</legend>
            <label>
              <input type="radio" name="smp-mode" checked={mode === 'question'} onChange={() => setMode('question')} />
              {t('smp.modeQuestion')}
            </label>
            <label>
              <input type="radio" name="smp-mode" checked={mode === 'secret'} onChange={() => setMode('secret')} />
              {t('smp.modeSecret')}
            </label>
          </fieldset>
          {/* One row in a wide window, so Start check is in view without scrolling (Verify at 1024×700). */}
          <div className="smp-fields">
            {mode === 'question' && (
              <label>
                {t('smp.question')}
                <input value={question} onChange={(e) => setQuestion(e.target.value)} maxLength={500} />
              </label>
            )}
            <label>
              {mode === 'question' ? t('smp.answer') : t('smp.secret')}
              <input value={secret} onChange={(e) => setSecret(e.target.value)} maxLength={500} autoComplete="off" />
            </label>
            <button
              type="submit"
              className="primary"
              disabled={busy || secret === '' || (mode === 'question' && question.trim() === '')}
            >
              {t('smp.start')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
