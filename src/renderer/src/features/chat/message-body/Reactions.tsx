// Reactions under a message: each with its count and who (tooltip and accessible name), pressed when one is the
// user's; a click adds or takes back. Offered only for plain messages outside a private chat: the main process
// refuses the rest as well.
import { useState } from 'react';
import type { Message } from '../../../../../contract/model.js';
import { useApi, useApp, useT } from '../../../store/context.js';
import { emojiGlyph, QUICK_REACTIONS } from './emoji.js';

export function Reactions(props: { message: Message; canReact: boolean }) {
  const t = useT();
  const api = useApi();
  const me = useApp((s) => s.session.me?.username);
  const showProblem = useApp((s) => s.showProblem);
  const [picking, setPicking] = useState(false);
  const { message } = props;
  const reactions = message.reactions ?? [];
  if (reactions.length === 0 && !props.canReact) return null;
  const react = async (emoji: string) => {
    setPicking(false);
    const result = await api.chat.react(message.roomId, message.id, emoji);
    if (!result.ok) showProblem(result.error);
  };
  return (
    <div className="reactions" role="group" aria-label={t('chat.reactions')}>
      {reactions.map((reaction) => {
        const who = t('chat.reactedBy', { emoji: reaction.emoji, names: reaction.usernames.join(', ') });
        const mine = me !== undefined && reaction.usernames.includes(me);
        return (
          <button
            key={reaction.emoji}
            type="button"
            className={mine ? 'reaction reaction-mine' : 'reaction'}
            title={who}
            aria-label={`${emojiGlyph(reaction.emoji)} ${reaction.usernames.length}: ${who}`}
            aria-pressed={mine}
            disabled={!props.canReact}
            onClick={() => void react(reaction.emoji)}
          >
            <span aria-hidden="true">{emojiGlyph(reaction.emoji)}</span> {reaction.usernames.length}
          </button>
        );
      })}
      {props.canReact && (
        <button type="button" className="reaction reaction-add" aria-expanded={picking} onClick={() => setPicking(!picking)}>
          {t('chat.addReaction')}
        </button>
      )}
      {picking && (
        <div className="reaction-picker" role="group" aria-label={t('chat.addReaction')}>
          {QUICK_REACTIONS.map((emoji) => (
            <button key={emoji} type="button" aria-label={emoji} title={emoji} onClick={() => void react(emoji)}>
              {emojiGlyph(emoji)}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
