import { parse } from '@rocket.chat/message-parser';
import type { ServerContext } from '../context.js';
import type { MessageRecord, UserRecord } from '../store/types.js';
import { majorOf } from '../versions.js';

// What Rocket.Chat adds to a message before saving it (its beforeSave hooks): `md`, the markup parsed by its own
// message-parser (7.x on, as this model has it), and for each permalink to a message on this server that the
// sender may read, a quote attachment (oembed's jumpToMessage) with `message_link`.

const PERMALINK = /\bhttps?:\/\/[^\s<>()]+\?msg=([\w-]+)/g;

export function addMarkup(ctx: ServerContext, user: UserRecord, message: MessageRecord): void {
  // Only a message with text gets `md` (a file's message with `msg: ''` has none).
  if (majorOf(ctx.options.version) >= 7 && message.msg !== '') {
    try {
      message.md = parse(message.msg);
    } catch {
      delete message.md;
    }
  }
  const site = ctx.url();
  const quotes: Record<string, unknown>[] = [];
  for (const match of message.msg.matchAll(PERMALINK)) {
    const link = match[0];
    if (!link.startsWith(`${site}/`)) continue;
    const quoted = ctx.state.message(match[1] ?? '');
    if (!quoted || quoted._id === message._id || !ctx.state.subscription(quoted.rid, user._id)) continue;
    quotes.push({
      text: quoted.msg,
      ...(quoted.md ? { md: quoted.md } : {}),
      message_link: link,
      author_name: quoted.u.username,
      author_icon: `/avatar/${quoted.u.username}`,
      attachments: quoted.attachments ?? [],
      ts: quoted.ts,
    });
  }
  // A file's own attachment stays; the quotes are recomputed from the text (an edit may add or drop permalinks).
  const kept = (message.attachments ?? []).filter((attachment) => !('message_link' in attachment));
  const attachments = [...kept, ...quotes];
  if (attachments.length > 0) message.attachments = attachments;
  else delete message.attachments;
}
