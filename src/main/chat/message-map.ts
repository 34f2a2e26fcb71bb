// Turns server records and OTR outcomes into the contract's Message. Pure functions.
import type { Message, MessageKind, NoticeCode, User } from '../../contract/model.js';
import type { RcMessage } from '../rocketchat/types.js';

export const UNREADABLE_TEXT = '';

/** `text`: what to show, when the OTR side cleaned it up (a whitespace tag removed, an error's words). */
export function fromServer(rc: RcMessage, kind: MessageKind, me: User | undefined, text: string = rc.text): Message {
  return {
    id: rc.id,
    roomId: rc.roomId,
    author: { id: rc.author.id, username: rc.author.username, name: rc.author.name },
    ts: rc.ts,
    kind,
    // A placeholder never carries the ciphertext: the renderer shows its own words for it.
    text: kind === 'unreadable-private' ? UNREADABLE_TEXT : text,
    status: 'sent',
    own: me !== undefined && rc.author.id === me.id,
  };
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

/** Server system records (user joined, room renamed…) have a type; this client shows only what people wrote. */
export function isPersonMessage(rc: RcMessage): boolean {
  return rc.type === undefined;
}
