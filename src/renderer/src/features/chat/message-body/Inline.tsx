// One run of message markup as React elements: text stays text (never HTML), links open in the system browser
// through the api, mentions of the signed-in user (and @here / @all) are highlighted.
import type { Inline } from '../../../../../contract/model.js';
import { useApi, useApp, useT } from '../../../store/context.js';

export function InlineList(props: { items: readonly Inline[] }) {
  return (
    <>
      {props.items.map((item, i) => (
        <InlineView key={i} item={item} />
      ))}
    </>
  );
}

function InlineView(props: { item: Inline }) {
  const { item } = props;
  switch (item.t) {
    case 'text':
      return <>{item.v}</>;
    case 'bold':
      return <strong><InlineList items={item.c} /></strong>;
    case 'italic':
      return <em><InlineList items={item.c} /></em>;
    case 'strike':
      return <del><InlineList items={item.c} /></del>;
    case 'code':
      return <code className="md-code">{item.v}</code>;
    case 'link':
      return <ExternalLink href={item.href}><InlineList items={item.c} /></ExternalLink>;
    case 'mention':
      return <Mention name={item.v} />;
    case 'channel':
      return <span className="md-channel">#{item.v}</span>;
  }
}

/** A web link: opened in the system browser through the api, never by the page itself. */
export function ExternalLink(props: { href: string; children: React.ReactNode }) {
  const api = useApi();
  const t = useT();
  return (
    <a
      href={props.href}
      title={t('chat.openLink')}
      rel="noreferrer noopener"
      onClick={(event) => {
        event.preventDefault();
        void api.shell.openExternal(props.href);
      }}
      onAuxClick={(event) => event.preventDefault()}
    >
      {props.children}
    </a>
  );
}

function Mention(props: { name: string }) {
  const me = useApp((s) => s.session.me?.username);
  const t = useT();
  const mine = props.name === me || props.name === 'here' || props.name === 'all';
  return (
    <span className={mine ? 'md-mention md-mention-me' : 'md-mention'} title={mine ? t('chat.mentionsYou') : undefined}>
      @{props.name}
    </span>
  );
}
