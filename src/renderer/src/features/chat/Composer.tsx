// Writing a message: Enter sends, Shift+Enter adds a line. Blocked, with the reason, while OTR needs an answer.
import { useEffect, useId, useRef, useState, type ClipboardEvent, type FormEvent, type KeyboardEvent } from 'react';
import type { SendBlock } from '../../../../contract/model.js';
import { useApp, useT } from '../../store/context.js';
import { sendBlockReason } from '../otr-ui/otr-status.js';
import { UploadList } from './UploadList.js';
import { useUploads } from './use-uploads.js';

/** Typing is reported at most this often, and "stopped typing" after this long without keys. */
const TYPING_IDLE_MS = 3000;

export function Composer(props: { roomId: string; roomName: string; peer: string; sendBlock?: SendBlock }) {
  const t = useT();
  const send = useApp((s) => s.send);
  const setTyping = useApp((s) => s.setTyping);
  const otr = useApp((s) => s.otr[props.roomId]);
  const [text, setText] = useState('');
  const typingTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const hintId = useId();
  const reasonId = useId();
  const otrBlocked = sendBlockReason(otr);
  // A room that refuses sends (Rocket.Chat E2E, read-only, archived, muted) says why instead of failing silently.
  const roomBlocked = props.sendBlock ? t(`chat.blocked.${props.sendBlock}`) : null;
  const blocked = roomBlocked ?? (otrBlocked ? t(otrBlocked, { user: props.peer }) : null);
  const { uploads, start, cancel, dismiss } = useUploads(props.roomId);
  const fileInput = useRef<HTMLInputElement>(null);

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

  const onPaste = (event: ClipboardEvent<HTMLTextAreaElement>) => {
    const files = [...event.clipboardData.files];
    if (files.length === 0) return;
    event.preventDefault();
    for (const file of files) void start(file);
  };

  const onFiles = (list: FileList | null) => {
    for (const file of [...(list ?? [])]) void start(file);
    if (fileInput.current) fileInput.current.value = '';
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void submit();
  };

  return (
    <form className="composer" onSubmit={onSubmit}>
      {blocked && (
        <p id={reasonId} className="composer-blocked" role="status">
          {blocked}
        </p>
      )}
      {!blocked && otr && otr.queued > 0 && (
        <p className="composer-info" role="status">
          {t('chat.queuedInfo', { count: otr.queued })}
        </p>
      )}
      <UploadList uploads={uploads} onCancel={cancel} onDismiss={dismiss} />
      <div className="composer-row">
        <input ref={fileInput} type="file" multiple hidden tabIndex={-1} aria-hidden="true" onChange={(e) => onFiles(e.target.files)} />
        <button type="button" className="attach-button" disabled={blocked !== null} onClick={() => fileInput.current?.click()}>
          {t('files.attach')}
        </button>
        <textarea
          aria-label={t('chat.composer', { room: props.roomName })}
          aria-describedby={blocked ? reasonId : hintId}
          value={text}
          rows={2}
          disabled={blocked !== null}
          onChange={(e) => onChange(e.target.value)}
          onKeyDown={onKeyDown}
          onPaste={onPaste}
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
