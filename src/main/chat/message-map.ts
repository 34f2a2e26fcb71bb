// Turns server records and OTR outcomes into the contract's Message. Pure functions.
import type { Message, MessageKind, NoticeCode, Quote, User } from '../../contract/model.js';
import type { IncomingVerdict } from '../../otr/ports.js';
import type { RcMessage } from '../rocketchat/types.js';
import { toBody } from './markup.js';
import { roomFields } from './room-fields.js';

export const UNREADABLE_TEXT = '';

/** `text`: what to show, when the OTR side cleaned it up (a whitespace tag removed, an error's words). */
export function fromServer(rc: RcMessage, kind: MessageKind, me: User | undefined, text: string = rc.text): Message {
  const message: Message = {
    id: rc.id,
    roomId: rc.roomId,
    author: { id: rc.author.id, username: rc.author.username, name: rc.author.name },
    ts: rc.ts,
    kind,
    // A placeholder never carries the ciphertext: the renderer shows its own words for it.
    text: kind === 'unreadable-private' || kind === 'e2e' ? UNREADABLE_TEXT : text,
    status: 'sent',
    own: me !== undefined && rc.author.id === me.id,
    ...roomFields(rc),
  };
  if (kind === 'unencrypted' || kind === 'unaccepted-key') message.body = toBody(text);
  if (kind !== 'text') return message;
  // Only plain room text gets the server's extras: in a private chat they would be the server's word, not the peer's.
  const quotes = (rc.quotes ?? []).map(toQuote);
  // The server's markup only describes the server's text (not one the OTR side cleaned up).
  message.body = toBody(text, text === rc.text ? rc.md : undefined, new Set(quotes.map((quote) => quote.link)));
  if (quotes.length > 0) message.quotes = quotes;
  if (rc.editedAt !== undefined) message.editedAt = rc.editedAt;
  if (rc.reactions) message.reactions = rc.reactions;
  return message;
}

function toQuote(quote: NonNullable<RcMessage['quotes']>[number]): Quote {
  const result: Quote = { link: quote.link, author: quote.author, body: toBody(quote.text, quote.md) };
  const messageId = quotedId(quote.link);
  if (messageId) result.messageId = messageId;
  return result;
}

/** The quoted message's id: a permalink ends in `?msg=<id>`. */
function quotedId(link: string): string | undefined {
  try {
    const id = new URL(link).searchParams.get('msg');
    return id && id.length <= 128 ? id : undefined;
  } catch {
    return undefined;
  }
}

/** Text of a private message: markup parsed here, nothing else from the server. */
export function privateBody(text: string): Message['body'] {
  return toBody(text);
}

export function ownMessage(
  roomId: string,
  id: string,
  text: string,
  kind: 'text' | 'private',
  me: User,
  status: Message['status'],
  now: number,
): Message {
  return {
    id,
    roomId,
    author: { id: me.id, username: me.username, name: me.name },
    ts: now,
    kind,
    text,
    status,
    own: true,
    body: toBody(text),
  };
}

let noticeSeq = 0;

export function noticeMessage(roomId: string, notice: NoticeCode, now: number, at?: number): Message {
  noticeSeq += 1;
  return {
    id: `notice-${now.toString(36)}-${noticeSeq}`,
    roomId,
    author: { id: 'otrdesk', username: 'OTR Desk' },
    ts: now,
    kind: 'notice',
    text: '',
    notice,
    ...(at === undefined ? {} : { noticeAt: at }),
    status: 'sent',
    own: false,
  };
}

/** Server system records (user joined, room renamed…) have a type; what people wrote has none. */
export function isPersonMessage(rc: RcMessage): boolean {
  return rc.type === undefined;
}

/** A Rocket.Chat E2E message: shown as such, its ciphertext never passed on. */
export function isE2eMessage(rc: RcMessage): boolean {
  return rc.type === 'e2e';
}

/** What the OTR side's verdict on a server message shows; undefined when it shows nothing (OTR traffic). */
export function verdictMessage(rc: RcMessage, verdict: IncomingVerdict, me: User | undefined): Message | undefined {
  switch (verdict.kind) {
    case 'plain':
      return fromServer(rc, 'text', me, verdict.text);
    case 'unencrypted':
      return fromServer(rc, 'unencrypted', me, verdict.text);
    case 'peer-error':
      return fromServer(rc, 'peer-otr-error', me, verdict.text);
    case 'unreadable':
      return fromServer(rc, 'unreadable-private', me);
    case 'hidden':
      return undefined;
  }
}
