// Writing a message: Enter sends, Shift+Enter adds a line. Blocked, with the reason, while OTR needs an answer.
import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useApp, useT } from '../../store/context.js';
import { sendBlockReason } from '../otr-ui/otr-status.js';

/** Typing is reported at most this often, and "stopped typing" after this long without keys. */
const TYPING_IDLE_MS = 3000;

export function Composer(props: { roomId: string; roomName: string; peer: string }) {
  const t = useT();
  const send = useApp((s) => s.send);
  const setTyping = useApp((s) => s.setTyping);
  const otr = useApp((s) => s.otr[props.roomId]);
  const [text, setText] = useState('');
  const typingTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const hintId = useId();
  const reasonId = useId();
  const blocked = sendBlockReason(otr);

  const stopTyping = () => {
    if (typingTimer.current === null) return;
    clearTimeout(typingTimer.current);
    typingTimer.current = null;
    setTyping(props.roomId, false);
  };

  useEffect(() => stopTyping, [props.roomId]);

  const onChange = (value: string) => {
    setText(value);
    if (typingTimer.current === null) setTyping(props.roomId, true);
    else clearTimeout(typingTimer.current);
    typingTimer.current = setTimeout(stopTyping, TYPING_IDLE_MS);
  };

  // The box empties at once, like any messenger's: the message shows as pending, and what the user types next
  // is never wiped or held back by a send still on its way. A failed send puts its text back if the box is empty.
  const submit = async () => {
    const body = text.trim();
    if (body === '' || blocked) return;
    setText('');
    stopTyping();
    const ok = await send(props.roomId, body);
    if (!ok) setText((current) => (current === '' ? body : current));
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      void submit();
    }
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void submit();
  };

  return (
    <form className="composer" onSubmit={onSubmit}>
      {blocked && (
        <p id={reasonId} className="composer-blocked" role="status">
          {t(blocked, { user: props.peer })}
        </p>
      )}
      {!blocked && otr && otr.queued > 0 && (
        <p className="composer-info" role="status">
          {t('chat.queuedInfo', { count: otr.queued })}
        </p>
      )}
      <div className="composer-row">
        <textarea
          aria-label={t('chat.composer', { room: props.roomName })}
          aria-describedby={blocked ? reasonId : hintId}
          value={text}
          rows={2}
          disabled={blocked !== null}
          onChange={(e) => onChange(e.target.value)}
          onKeyDown={onKeyDown}
        />
        <button type="submit" className="primary" disabled={blocked !== null || text.trim() === ''}>
          {t('chat.send')}
        </button>
      </div>
      <p id={hintId} className="hint visually-hidden">
        {t('chat.composerHint')}
      </p>
    </form>
  );
}
