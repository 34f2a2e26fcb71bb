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
import { findRoom, otrView } from '../../store/selectors.js';
import { MessageBody } from './message-body/MessageBody.js';
import { QuoteBlock } from './message-body/QuoteBlock.js';
import { Reactions } from './message-body/Reactions.js';
import { SystemLineRow } from './message-body/SystemLine.js';

export function MessageRow(props: { message: Message; peer: string }) {
  const { message } = props;
  const t = useT();
  // Reacting is for plain messages outside a private chat: a DM counts as private unless its OTR state is idle.
  const canReact = useApp((s) => message.kind === 'text' && message.status === 'sent'
    && (findRoom(s, message.roomId)?.type !== 'd' || (otrView(s, message.roomId)?.phase ?? 'idle') === 'idle'));
  if (message.kind === 'notice') {
    return message.notice ? (
      <NoticeLine roomId={message.roomId} notice={message.notice} peer={props.peer} at={message.noticeAt ?? message.ts} />
    ) : (
      <p className="notice-line">{message.text}</p>
    );
  }
  if (message.kind === 'system') return <SystemLineRow message={message} />;
  const author = message.own ? t('chat.you') : (message.author.name ?? message.author.username);
  if (message.kind === 'deleted') {
    return (
      <article className="message message-deleted" data-message-id={message.id}>
        <header className="message-header">
          <span className="message-author">{author}</span>
          <Time ts={message.ts} />
        </header>
        <p className="message-body message-deleted-text">{t('chat.deleted')}</p>
      </article>
    );
  }
  return (
    <article className={`message message-${message.kind} ${message.own ? 'message-own' : ''}`} data-message-id={message.id}>
      {message.kind === 'unencrypted' && (
        // Loud on purpose: in a private chat this text travelled in the clear, or was never written by the peer.
        <p className="unencrypted-mark" role="note">
          <WarningIcon /> {t('chat.unencrypted')}
        </p>
      )}
      <header className="message-header">
        <span className="message-author">{author}</span>
        <Time ts={message.ts} />
        {message.editedAt !== undefined && <span className="message-edited">{t('chat.edited')}</span>}
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
        <>
          {message.quotes?.map((quote, i) => <QuoteBlock key={i} quote={quote} />)}
          {message.body ? (
            <MessageBody blocks={message.body} length={message.text.length} />
          ) : (
            <p className="message-body" dir="auto">
              <MessageText text={message.text} />
            </p>
          )}
        </>
      )}
      {message.kind === 'unaccepted-key' && <p className="message-warning">{t('chat.unacceptedKey')}</p>}
      <Attachments message={message} />
      <ThreadSummary message={message} />
      <Reactions message={message} canReact={canReact} />
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
