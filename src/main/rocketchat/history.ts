// Backward paging over `loadHistory` without gaps or duplicates. The server pages by timestamp, and several
// messages can share one (same millisecond), so a page boundary can fall between them: each request therefore
// includes the boundary timestamp again and drops the ids already returned there.
import { HistoryResult, MessageRecord, parseEach } from './schemas.js';
import { oldestFirst, toRcMessage } from './records.js';
import type { HistoryCursor, Logger, RcHistoryPage, RcMessage } from './types.js';

export type MethodCall = (method: string, params: unknown[]) => Promise<unknown>;

/** One page of up to `limit` messages older than `before` (newest page when absent), oldest first. */
export async function fetchHistoryPage(
  call: MethodCall,
  logger: Logger,
  roomId: string,
  options: { before?: HistoryCursor; limit: number },
): Promise<RcHistoryPage> {
  const limit = Math.max(1, Math.floor(options.limit));
  const before = options.before;
  const known = new Set(before?.ids ?? []);
  const requested = limit + known.size;
  // `end` is exclusive on the server: +1 ms brings back the boundary timestamp.
  const end = before ? new Date(before.ts + 1) : null;
  const raw = HistoryResult.parse(await call('loadHistory', [roomId, end, requested, null, false]));
  const records = raw ? parseEach(MessageRecord, raw.messages, 'message', logger) : [];
  const fresh = records.map(toRcMessage).filter((message) =>
    message.roomId === roomId && (!before || (message.ts <= before.ts && !known.has(message.id))));
  // The server answers newest first; reversing keeps its order among equal timestamps.
  const messages = oldestFirst([...fresh].reverse()).slice(-limit);
  // A full answer means more may exist; an answer with nothing new ends paging rather than asking again forever.
  const hasMore = raw !== false && raw !== null && raw.messages.length >= requested && messages.length > 0;
  return { messages, hasMore, next: hasMore ? nextCursor(messages, before) : null };
}

/** The newest `limit` messages of a newest page, as if that page had been asked for with this limit. */
export function newestOf(page: RcHistoryPage, limit: number): RcHistoryPage {
  const messages = page.messages.slice(-Math.max(1, Math.floor(limit)));
  const hasMore = messages.length > 0 && (page.hasMore || page.messages.length > messages.length);
  return { messages, hasMore, next: hasMore ? nextCursor(messages, undefined) : null };
}

function nextCursor(messages: readonly RcMessage[], before: HistoryCursor | undefined): HistoryCursor | null {
  const oldest = messages[0];
  if (!oldest) return null;
  const ids = messages.filter((message) => message.ts === oldest.ts).map((message) => message.id);
  if (before && before.ts === oldest.ts) ids.push(...before.ids);
  return { ts: oldest.ts, ids };
}

/**
 * Everything newer than `after` in a room (oldest first), for filling the gap a reconnect left. Pages back from
 * the newest message until it passes `after`; stops at `max` messages and says so. `newest` is the first page it
 * read (the room's newest), which opening the room needs too.
 */
export async function fetchSince(
  call: MethodCall,
  logger: Logger,
  roomId: string,
  after: { ts: number; inclusive: boolean },
  pageSize: number,
  max: number,
): Promise<{ messages: RcMessage[]; truncated: boolean; newest: RcHistoryPage }> {
  const collected: RcMessage[] = [];
  let cursor: HistoryCursor | undefined;
  let newest: RcHistoryPage | undefined;
  for (;;) {
    const page = await fetchHistoryPage(call, logger, roomId, { before: cursor, limit: pageSize });
    newest ??= page;
    const wanted = page.messages.filter((message) => message.ts > after.ts || (after.inclusive && message.ts === after.ts));
    collected.unshift(...wanted);
    const passed = wanted.length < page.messages.length;
    if (passed || !page.next) return { messages: collected, truncated: false, newest };
    if (collected.length >= max) return { messages: collected, truncated: true, newest };
    cursor = page.next;
  }
}
