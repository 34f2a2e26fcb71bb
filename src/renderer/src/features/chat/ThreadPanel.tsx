// A thread beside the room: its first message and replies (loaded once, then kept current by live messages)
// and a box to reply in it.
import { useEffect, useMemo, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { Message } from '../../../../contract/model.js';
import { useApi, useApp, useT } from '../../store/context.js';
import { upsertMessage } from '../../store/reducers.js';
import { MessageRow } from './MessageRow.js';

export function ThreadPanel(props: { roomId: string; threadId: string; peer: string; blocked: string | null; onClose: () => void }) {
  const t = useT();
  const api = useApi();
  const showProblem = useApp((s) => s.showProblem);
  const live = useApp((s) => s.chats[props.roomId]?.messages);
  const [loaded, setLoaded] = useState<Message[] | null>(null);
  const [text, setText] = useState('');
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    let current = true;
    setLoaded(null);
    void api.threads.open(props.roomId, props.threadId).then((result) => {
      if (!current) return;
      if (result.ok) setLoaded(result.value);
      else {
        showProblem(result.error);
        setLoaded([]);
      }
    });
    heading.current?.focus();
    return () => {
      current = false;
    };
  }, [api, props.roomId, props.threadId, showProblem]);

  // Live replies (and our own) arrive in the room's messages with their thread's id; the parent too, counted.
  const messages = useMemo(() => {
    const related = (live ?? []).filter((m) => m.id === props.threadId || m.threadId === props.threadId);
    return [...related.reduce(upsertMessage, loaded ?? [])].sort((a, b) => (a.id === props.threadId ? -1 : b.id === props.threadId ? 1 : a.ts - b.ts));
  }, [live, loaded, props.threadId]);

  const submit = async () => {
    const body = text.trim();
    if (body === '' || props.blocked) return;
    setText('');
    const result = await api.threads.reply(props.roomId, props.threadId, body);
    if (!result.ok) {
      showProblem(result.error);
      setText((now) => (now === '' ? body : now));
    } else setLoaded((now) => upsertMessage(now ?? [], result.value));
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
    <aside className="thread-panel" aria-labelledby="thread-title">
      <header className="thread-header">
        <h2 id="thread-title" ref={heading} tabIndex={-1}>{t('thread.title')}</h2>
        <button type="button" onClick={props.onClose}>{t('thread.close')}</button>
      </header>
      <div className="thread-messages">
        {loaded === null ? <p className="hint" role="status">{t('thread.loading')}</p>
          : messages.map((message) => <MessageRow key={message.id} message={message} peer={props.peer} />)}
      </div>
      <form className="composer thread-composer" onSubmit={onSubmit}>
        {props.blocked && <p className="composer-blocked" role="status">{props.blocked}</p>}
        <div className="composer-row">
          <textarea aria-label={t('thread.composer')} value={text} rows={2} disabled={props.blocked !== null}
            onChange={(e) => setText(e.target.value)} onKeyDown={onKeyDown} />
          <button type="submit" className="primary" disabled={props.blocked !== null || text.trim() === ''}>{t('thread.reply')}</button>
        </div>
      </form>
    </aside>
  );
}
