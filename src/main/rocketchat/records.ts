// Server records → our model. Pure functions; the input is already validated by schemas.ts.
import type { Presence, User } from '../../contract/model.js';
import type { MessageRecord, UserRecord } from './schemas.js';
import { filesOf, quotesOf } from './attachments.js';
import type { RcMessage } from './types.js';

export function toRcMessage(record: MessageRecord): RcMessage {
  const message: RcMessage = {
    id: record._id,
    roomId: record.rid,
    text: record.msg,
    ts: record.ts.getTime(),
    author: { id: record.u._id, username: record.u.username },
  };
  if (record.u.name !== undefined) message.author.name = record.u.name;
  if (record.t !== undefined) message.type = record.t;
  if (record.tmid !== undefined) message.threadId = record.tmid;
  if (record.tshow === true) message.threadShown = true;
  if (record.tcount !== undefined && record.tcount > 0) message.threadCount = record.tcount;
  if (record.tlm !== undefined) message.threadLastAt = record.tlm.getTime();
  const files = filesOf(record.attachments);
  if (files) message.files = files;
  if (record.editedAt !== undefined) message.editedAt = record.editedAt.getTime();
  if (record._updatedAt !== undefined) message.updatedAt = record._updatedAt.getTime();
  if (record.md !== undefined) message.md = record.md;
  if (record.role !== undefined) message.role = record.role;
  const reactions = Object.entries(record.reactions ?? {}).map(([emoji, { usernames }]) => ({ emoji, usernames }));
  if (reactions.length > 0) message.reactions = reactions;
  const quotes = quotesOf(record.attachments);
  if (quotes) message.quotes = quotes;
  return message;
}

const PRESENCE_BY_CODE: Record<number, Presence> = { 0: 'offline', 1: 'online', 2: 'away', 3: 'busy' };

export function presenceFromCode(code: number): Presence {
  return PRESENCE_BY_CODE[code] ?? 'offline';
}

export function presenceFromStatus(status: string | undefined): Presence | undefined {
  return status === 'online' || status === 'away' || status === 'busy' || status === 'offline' ? status : undefined;
}

export function toUser(record: UserRecord): User {
  const user: User = { id: record._id, username: record.username };
  if (record.name !== undefined) user.name = record.name;
  const presence = presenceFromStatus(record.status);
  if (presence) user.presence = presence;
  return user;
}

/** Sorts oldest first; equal timestamps keep the order given (the server's insertion order). */
export function oldestFirst(messages: readonly RcMessage[]): RcMessage[] {
  return messages.map((message, index) => ({ message, index }))
    .sort((a, b) => a.message.ts - b.message.ts || a.index - b.index)
    .map(({ message }) => message);
}
