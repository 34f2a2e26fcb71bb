// Message markup → the contract's Block[]: from the server's `md` (7.x+) when it sends one, else parsed from the
// text with Rocket.Chat's own parser, as the web client does. Every node is checked here: unknown kinds become
// their plain text, links keep only safe schemes (anything else is shown as its words), nothing becomes HTML.
import { parse } from '@rocket.chat/message-parser';
import type { Block, Inline } from '../../contract/model.js';

const SAFE_SCHEMES = new Set(['http:', 'https:', 'mailto:']);
/** Deeper nesting than this is flattened to text: a crafted message must not cost a deep recursion. */
const MAX_DEPTH = 12;
/**
 * Rocket.Chat's parser costs about 1 ms for a line and 100–150 ms for 20 000 characters (2 cores, Node 20): text
 * longer than its default Message_MaxAllowedSize, or with no character that can start markup, skips it and only
 * gets its web links.
 */
const MAX_PARSED_CHARS = 5000;
const MARKUP_START = /[*_~`[\]@#>|<\\]|^\s*(?:[-+]|\d+[.)])\s/m;
const WEB_LINK = /\bhttps?:\/\/[^\s<>"'`]+[^\s<>"'`.,;:!?)\]}]/gi;

type Node = Record<string, unknown>;

const isNode = (value: unknown): value is Node => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The href when the URL has a safe scheme, else undefined (the link is shown as text). */
export function safeHref(raw: string): string | undefined {
  try {
    const url = new URL(raw.trim());
    return SAFE_SCHEMES.has(url.protocol) ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/** Every piece of text in a node, in order: what an unknown or too-deep node shows. */
function plainOf(value: unknown, depth = 0): string {
  if (depth > 50) return '';
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map((v) => plainOf(v, depth + 1)).join('');
  if (!isNode(value)) return '';
  if (value.type === 'EMOJI') return emojiText(value);
  if (value.type === 'LINK' && isNode(value.value)) return plainOf(value.value.label, depth + 1) || plainOf(value.value.src, depth + 1);
  return plainOf(value.value, depth + 1);
}

function emojiText(node: Node): string {
  if (typeof node.unicode === 'string') return node.unicode;
  if (typeof node.shortCode === 'string') return `:${node.shortCode}:`;
  return isNode(node.value) && typeof node.value.value === 'string' ? `:${node.value.value}:` : '';
}

function inlines(value: unknown, depth: number, skipLinks: ReadonlySet<string>): Inline[] {
  const list = Array.isArray(value) ? value : [value];
  const out: Inline[] = [];
  for (const node of list) {
    const inline = toInline(node, depth, skipLinks);
    if (!inline) continue;
    const last = out[out.length - 1];
    // Adjacent text merges: fewer nodes to send and render.
    if (inline.t === 'text' && last?.t === 'text') last.v += inline.v;
    else out.push(inline);
  }
  return out;
}

function toInline(node: unknown, depth: number, skipLinks: ReadonlySet<string>): Inline | undefined {
  if (!isNode(node)) return typeof node === 'string' ? { t: 'text', v: node } : undefined;
  if (depth > MAX_DEPTH) return { t: 'text', v: plainOf(node) };
  const value = node.value;
  switch (node.type) {
    case 'PLAIN_TEXT':
      return { t: 'text', v: typeof value === 'string' ? value : '' };
    case 'BOLD':
      return { t: 'bold', c: inlines(value, depth + 1, skipLinks) };
    case 'ITALIC':
      return { t: 'italic', c: inlines(value, depth + 1, skipLinks) };
    case 'STRIKE':
      return { t: 'strike', c: inlines(value, depth + 1, skipLinks) };
    case 'INLINE_CODE':
      return { t: 'code', v: plainOf(value) };
    case 'MENTION_USER':
      return { t: 'mention', v: plainOf(value) };
    case 'MENTION_CHANNEL':
      return { t: 'channel', v: plainOf(value) };
    case 'LINK': {
      if (!isNode(value)) return undefined;
      const src = plainOf(value.src);
      // The hidden `[ ](permalink)` of a quote: the quote block shows it instead.
      if (skipLinks.has(src)) return undefined;
      const label = inlines(value.label, depth + 1, skipLinks);
      const href = safeHref(src);
      if (!href) return { t: 'text', v: plainOf(value.label) || src };
      return { t: 'link', href, c: label.length > 0 ? label : [{ t: 'text', v: src }] };
    }
    default:
      return { t: 'text', v: plainOf(node) };
  }
}

function toBlocks(nodes: readonly unknown[], depth: number, skipLinks: ReadonlySet<string>): Block[] {
  const out: Block[] = [];
  for (const node of nodes) {
    if (!isNode(node)) continue;
    const block = toBlock(node, depth, skipLinks);
    if (block) out.push(block);
  }
  return out;
}

function toBlock(node: Node, depth: number, skipLinks: ReadonlySet<string>): Block | undefined {
  const value = node.value;
  switch (node.type) {
    case 'LINE_BREAK':
      return undefined;
    case 'CODE':
      return { t: 'code', lines: (Array.isArray(value) ? value : []).map((line) => plainOf(line)) };
    case 'QUOTE':
      return depth > MAX_DEPTH ? { t: 'p', c: [{ t: 'text', v: plainOf(value) }] } : { t: 'quote', c: toBlocks(Array.isArray(value) ? value : [], depth + 1, skipLinks) };
    case 'UNORDERED_LIST':
    case 'ORDERED_LIST':
    case 'TASKS':
      return {
        t: 'list',
        ordered: node.type === 'ORDERED_LIST',
        items: (Array.isArray(value) ? value : []).map((item) => inlines(isNode(item) ? item.value : item, depth + 1, skipLinks)),
      };
    default: {
      // PARAGRAPH, HEADING, BIG_EMOJI and kinds this client does not know: their inline content.
      const c = inlines(value, depth + 1, skipLinks);
      return isEmpty(c) ? undefined : { t: 'p', c };
    }
  }
}

function isEmpty(c: readonly Inline[]): boolean {
  return c.every((inline) => inline.t === 'text' && inline.v.trim() === '');
}

/**
 * The body of a message. `md` is the server's (used when the text shown is the server's own); `skipLinks` are
 * quote permalinks, which the quote block shows instead. A parser failure leaves the text as one paragraph.
 */
export function toBody(text: string, md?: readonly unknown[], skipLinks: ReadonlySet<string> = new Set()): Block[] {
  let nodes: readonly unknown[] | undefined = md;
  if (!nodes && (text.length > MAX_PARSED_CHARS || !MARKUP_START.test(text))) return plainBody(text);
  if (!nodes) {
    try {
      nodes = parse(text);
    } catch {
      nodes = undefined;
    }
  }
  const blocks = nodes ? toBlocks(nodes, 0, skipLinks) : [];
  if (blocks.length === 0 && text.trim() !== '' && !nodes) return [{ t: 'p', c: [{ t: 'text', v: text }] }];
  return trimEnds(blocks);
}

/** Text as one paragraph, with its web links (safe schemes only) as links: no parser. */
function plainBody(text: string): Block[] {
  if (text.trim() === '') return [];
  const c: Inline[] = [];
  let last = 0;
  for (const match of text.matchAll(WEB_LINK)) {
    const href = safeHref(match[0]);
    if (!href) continue;
    if (match.index > last) c.push({ t: 'text', v: text.slice(last, match.index) });
    c.push({ t: 'link', href, c: [{ t: 'text', v: match[0] }] });
    last = match.index + match[0].length;
  }
  if (last < text.length) c.push({ t: 'text', v: text.slice(last) });
  return [{ t: 'p', c }];
}

/** A quote's `[ ](link)` leaves a space at the start of the first paragraph: drop it. */
function trimEnds(blocks: Block[]): Block[] {
  const first = blocks[0];
  if (first?.t === 'p' && first.c[0]?.t === 'text') {
    first.c[0].v = first.c[0].v.trimStart();
    if (first.c[0].v === '') first.c.shift();
    if (first.c.length === 0) blocks.shift();
  }
  return blocks;
}
