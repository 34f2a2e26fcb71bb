// One history entry: a message with its state, or a centred notice line from the app.
import type { Message } from '../../../../contract/model.js';
import { useApp, useLanguage, useT } from '../../store/context.js';
import { errorText } from '../../ui/error-text.js';
import { LockIcon, WarningIcon } from '../../ui/icons.js';
import { Attachments } from './Attachments.js';
import { MessageText } from './MessageText.js';
import { ThreadSummary } from './ThreadSummary.js';
import { NoticeLine } from './NoticeLine.js';
import { formatDate } from '../../ui/date-format.js';

export function MessageRow(props: { message: Message; peer: string }) {
  const { message } = props;
  const t = useT();
  if (message.kind === 'notice') {
    return message.notice ? (
      <NoticeLine roomId={message.roomId} notice={message.notice} peer={props.peer} at={message.noticeAt ?? message.ts} />
    ) : (
      <p className="notice-line">{message.text}</p>
    );
  }
  const author = message.own ? t('chat.you') : (message.author.name ?? message.author.username);
  return (
    <article className={`message message-${message.kind} ${message.own ? 'message-own' : ''}`}>
      {message.kind === 'unencrypted' && (
        // Loud on purpose: in a private chat this text travelled in the clear, or was never written by the peer.
        <p className="unencrypted-mark" role="note">
          <WarningIcon /> {t('chat.unencrypted')}
        </p>
      )}
      <header className="message-header">
        <span className="message-author">{author}</span>
        <Time ts={message.ts} />
        {message.kind === 'private' && (
          <span className="private-mark">
            <LockIcon />
            <span className="visually-hidden">{t('chat.private')}</span>
          </span>
        )}
      </header>
      {message.kind === 'unreadable-private' ? (
        <p className="message-body message-unreadable">
          <LockIcon /> {t('chat.unreadable')}
        </p>
      ) : message.kind === 'e2e' ? (
        <p className="message-body message-unreadable">
          <LockIcon /> {t('chat.e2e')}
        </p>
      ) : message.kind === 'peer-otr-error' ? (
        // The other side's words (nothing authenticates them): quoted, never presented as the app's own.
        <p className="message-body message-peer-error">
          {t('chat.peerOtrError', { user: author })} <q>{message.text}</q>
        </p>
      ) : (
        <p className="message-body">
          <MessageText text={message.text} />
        </p>
      )}
      {message.kind === 'unaccepted-key' && <p className="message-warning">{t('chat.unacceptedKey')}</p>}
      <Attachments message={message} />
      <ThreadSummary message={message} />
      <MessageState message={message} />
    </article>
  );
}

function Time(props: { ts: number }) {
  const language = useLanguage();
  const date = new Date(props.ts);
  const text = formatDate(language, 'time', date);
  return (
    <time className="message-time" dateTime={date.toISOString()}>
      {text}
    </time>
  );
}

function MessageState(props: { message: Message }) {
  const t = useT();
  const retry = useApp((s) => s.retry);
  const discard = useApp((s) => s.discard);
  const { message } = props;
  switch (message.status) {
    case 'sent':
      return null;
    case 'delivered':
      // Rocket.Chat's own OTR acknowledges each message, and the official apps show it; so do we.
      return <p className="message-state">{t('chat.delivered')}</p>;
    case 'pending':
      return <p className="message-state">{t('chat.sending')}</p>;
    case 'queued':
      return <p className="message-state">{t('chat.queued')}</p>;
    case 'failed':
      return (
        <div className="message-state message-failed" role="group" aria-label={t('chat.failed')}>
          <span>
            {t('chat.failed')}
            {message.error && `: ${errorText(t, message.error)}`}
          </span>
          <button type="button" onClick={() => void retry(message.roomId, message.id)}>
            {t('chat.retry')}
          </button>
          <button type="button" onClick={() => void discard(message.roomId, message.id)}>
            {t('chat.discard')}
          </button>
        </div>
      );
  }
}
