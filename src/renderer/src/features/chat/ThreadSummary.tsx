// "N replies" under a thread's first message; opens the thread panel.
import type { Message } from '../../../../contract/model.js';
import { useLanguage, useT } from '../../store/context.js';
import { formatDate } from '../../ui/date-format.js';
import { useThreadControl } from './thread-context.js';

export function ThreadSummary(props: { message: Message }) {
  const t = useT();
  const language = useLanguage();
  const control = useThreadControl();
  const thread = props.message.thread;
  if (!thread || thread.count === 0 || !control) return null;
  const replies = thread.count === 1 ? t('thread.replies1') : t('thread.replies', { count: thread.count });
  return (
    <p className="thread-summary">
      <button type="button" className="link-button" aria-label={`${replies} — ${t('thread.open')}`} onClick={() => control.openThread(props.message.id)}>
        {replies}
      </button>
      {thread.lastAt !== undefined && (
        <span className="thread-last">{t('thread.lastReply', { time: formatDate(language, 'time', thread.lastAt) })}</span>
      )}
    </p>
  );
}
