// Message text as React text nodes plus links; links open in the system browser through the api.
import { useMemo } from 'react';
import { useApi, useT } from '../../store/context.js';
import { splitLinks } from './linkify.js';

export function MessageText(props: { text: string }) {
  const api = useApi();
  const t = useT();
  const parts = useMemo(() => splitLinks(props.text), [props.text]);
  return (
    <span className="message-text">
      {parts.map((part, i) =>
        part.kind === 'text' ? (
          part.text
        ) : (
          <a
            key={i}
            href={part.href}
            title={t('chat.openLink')}
            rel="noreferrer noopener"
            onClick={(event) => {
              event.preventDefault();
              void api.shell.openExternal(part.href);
            }}
            onAuxClick={(event) => event.preventDefault()}
          >
            {part.text}
          </a>
        ),
      )}
    </span>
  );
}
