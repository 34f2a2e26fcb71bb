// What rooms hold beyond text: thread links and counters, files, rooms that refuse sends.
import type { ErrorCode, ErrorInfo, Message, Room, SendBlock } from '../../contract/model.js';
import { passiveVerdict } from '../../otr/rooms/incoming.js';
import type { RcMessage, RocketChatClient } from '../rocketchat/types.js';
import { fromServer, isE2eMessage, isPersonMessage, verdictMessage } from './message-map.js';

const BLOCK_ERRORS: Record<SendBlock, ErrorCode> = {
  e2e: 'not-allowed', 'read-only': 'room-read-only', archived: 'room-archived', muted: 'muted',
};

/** The error a send (or upload) into a room that refuses sends answers, instead of failing silently. */
export function sendBlockError(block: SendBlock): ErrorCode {
  return BLOCK_ERRORS[block];
}

/**
 * Rooms where OTR never starts: a group DM has no single peer (OTR is between two people, and its messages are
 * never classified as OTR), and a Rocket.Chat E2E room refuses every plain message, OTR's included.
 */
export function otrRefusal(room: Room | undefined): ErrorInfo | undefined {
  if (room?.members) return { code: 'otr-not-direct', detail: 'A group conversation has no single peer.' };
  if (room?.sendBlock === 'e2e') return { code: 'not-allowed' };
  return undefined;
}

/** A thread as it shows: parent and replies, classified like channel text (OTR text never reaches the screen). */
export async function threadMessages(rc: RocketChatClient, roomId: string, threadId: string): Promise<Message[]> {
  const me = rc.session().me;
  const records = await rc.threadMessages(threadId);
  return records.filter((record) => record.roomId === roomId).flatMap((record) => {
    const message = isE2eMessage(record) ? fromServer(record, 'e2e', me)
      : isPersonMessage(record) ? verdictMessage(record, passiveVerdict(record.text, record.author.id === me?.id), me) : undefined;
    return message ? [message] : [];
  });
}

export function roomFields(rc: RcMessage): Partial<Message> {
  const fields: Partial<Message> = {};
  if (rc.threadId !== undefined) fields.threadId = rc.threadId;
  if (rc.threadShown === true) fields.inRoom = true;
  if (rc.threadCount !== undefined) {
    fields.thread = { count: rc.threadCount, ...(rc.threadLastAt !== undefined ? { lastAt: rc.threadLastAt } : {}) };
  }
  if (rc.files) fields.files = rc.files.map((file) => ({ ...file }));
  return fields;
}

/** A live reply counts on its parent at once (the server's re-sent parent may come later, or be folded away). */
export function countedReply(parent: Message, replyTs: number): Message | undefined {
  const lastAt = parent.thread?.lastAt ?? 0;
  if (replyTs <= lastAt) return undefined;
  return { ...parent, thread: { count: (parent.thread?.count ?? 0) + 1, lastAt: replyTs } };
}
