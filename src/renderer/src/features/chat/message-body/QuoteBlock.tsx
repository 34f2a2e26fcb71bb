// A quoted message (attachments[].message_link): its author and words, and a button that brings the original
// into view in this room (loading older pages when needed). It never opens the server's web page: the permalink
// is not followed.
import { useState } from 'react';
import type { Quote } from '../../../../../contract/model.js';
import { useT } from '../../../store/context.js';
import { useJump } from './jump.js';
import { Blocks } from './MessageBody.js';

export function QuoteBlock(props: { quote: Quote }) {
  const t = useT();
  const jump = useJump();
  const [missingNow, setMissingNow] = useState(false);
  const { quote } = props;
  const messageId = quote.messageId;
  const missing = missingNow || (messageId !== undefined && jump.missing === messageId);
  return (
    <blockquote className="message-quote" dir="auto">
      <p className="quote-author">{quote.author}</p>
      <div className="quote-body">
        <Blocks blocks={quote.body} />
      </div>
      {messageId !== undefined && (
        <button type="button" className="link-button" onClick={() => setMissingNow(jump.jumpTo(messageId) === 'missing')}>
          {t('chat.quoteOpen')}
        </button>
      )}
      {missing && <p className="quote-missing" role="status">{t('chat.quoteNotLoaded')}</p>}
    </blockquote>
  );
}
