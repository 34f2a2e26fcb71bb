// Message text as React text nodes plus links; links open in the system browser through the api.
import { useMemo } from 'react';
import { ExternalLink } from './message-body/Inline.js';
import { splitLinks } from './linkify.js';

export function MessageText(props: { text: string }) {
  const parts = useMemo(() => splitLinks(props.text), [props.text]);
  return (
    <span className="message-text">
      {parts.map((part, i) =>
        part.kind === 'text' ? part.text : <ExternalLink key={i} href={part.href}>{part.text}</ExternalLink>,
      )}
    </span>
  );
}
