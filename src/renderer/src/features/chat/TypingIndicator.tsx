// "bob is typing…", announced politely.
import { useApp, useT } from '../../store/context.js';

const NONE: readonly string[] = [];

export function TypingIndicator(props: { roomId: string }) {
  const t = useT();
  const me = useApp((s) => s.session.me?.username);
  const all = useApp((s) => s.typing[props.roomId] ?? NONE);
  const names = all.filter((name) => name !== me);
  const [a, b] = names;
  const text =
    a === undefined ? '' : b === undefined ? t('chat.typing1', { a }) : names.length === 2 ? t('chat.typing2', { a, b }) : t('chat.typingMany');
  return (
    <p className="typing" aria-live="polite">
      {text}
    </p>
  );
}
