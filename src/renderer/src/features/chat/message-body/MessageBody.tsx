// A message's markup as blocks (paragraphs, code, quotes, lists). Long messages collapse behind "Show more".
// dir="auto": each message takes its direction from its own first strong character (Hebrew, Arabic…).
import { useState } from 'react';
import type { Block } from '../../../../../contract/model.js';
import { useT } from '../../../store/context.js';
import { InlineList } from './Inline.js';

/** Longer texts than this start collapsed. */
export const COLLAPSE_CHARS = 1500;

export function Blocks(props: { blocks: readonly Block[] }) {
  return (
    <>
      {props.blocks.map((block, i) => (
        <BlockView key={i} block={block} />
      ))}
    </>
  );
}

function BlockView(props: { block: Block }) {
  const { block } = props;
  switch (block.t) {
    case 'p':
      return <p className="md-p"><InlineList items={block.c} /></p>;
    case 'code':
      return <pre className="md-pre"><code>{block.lines.join('\n')}</code></pre>;
    case 'quote':
      return <blockquote className="md-quote"><Blocks blocks={block.c} /></blockquote>;
    case 'list': {
      const items = block.items.map((item, i) => <li key={i}><InlineList items={item} /></li>);
      return block.ordered ? <ol className="md-list">{items}</ol> : <ul className="md-list">{items}</ul>;
    }
  }
}

export function MessageBody(props: { blocks: readonly Block[]; length: number }) {
  const t = useT();
  const long = props.length > COLLAPSE_CHARS;
  const [expanded, setExpanded] = useState(false);
  const collapsed = long && !expanded;
  return (
    <div className="message-body-wrap">
      <div className={collapsed ? 'message-body md message-collapsed' : 'message-body md'} dir="auto">
        <Blocks blocks={props.blocks} />
      </div>
      {long && (
        <button type="button" className="link-button" aria-expanded={expanded} onClick={() => setExpanded(!expanded)}>
          {expanded ? t('chat.showLess') : t('chat.showMore')}
        </button>
      )}
    </div>
  );
}
