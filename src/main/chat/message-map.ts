// Turns server records and OTR outcomes into the contract's Message. Pure functions.
import type { Message, MessageKind, NoticeCode, User } from '../../contract/model.js';
import type { IncomingVerdict } from '../../otr/ports.js';
import type { RcMessage } from '../rocketchat/types.js';
import { roomFields } from './room-fields.js';

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
    text: kind === 'unreadable-private' || kind === 'e2e' ? UNREADABLE_TEXT : text,
    status: 'sent',
    own: me !== undefined && rc.author.id === me.id,
    ...roomFields(rc),
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
