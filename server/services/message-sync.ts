// `messages/get` as Rocket.Chat answers it (the official clients' loadMissedMessages; REST `chat.syncMessages`
// calls it): with `lastUpdate`, `{updated, deleted}` since then; from 7.1, pages of one `type` ('UPDATED' or
// 'DELETED') after `next` or before `previous` (epoch-ms strings of `_updatedAt`/`_deletedAt`) with their cursors;
// without either, a history page like getChannelHistory.
import type { ServerContext } from '../context.js';
import { invalidUser, MeteorError } from '../ddp/errors.js';
import { messageView } from '../store/views.js';
import type { MessageRecord } from '../store/types.js';
import { hasSyncCursors } from '../versions.js';
import { canAccessRoom } from './access.js';

export interface MessagesGetOptions {
  lastUpdate?: unknown;
  latestDate?: unknown;
  oldestDate?: unknown;
  inclusive?: unknown;
  count?: unknown;
  next?: unknown;
  previous?: unknown;
  type?: unknown;
}

const fail = (error: string, reason: string, details?: unknown): MeteorError => new MeteorError(error, reason, details);

export function messagesGet(ctx: ServerContext, userId: string | null, rid: string, options: MessagesGetOptions): unknown {
  if (!userId) throw invalidUser('messages/get');
  if (!rid) throw fail('error-invalid-room', 'Invalid room', { method: 'messages/get' });
  const { state } = ctx;
  const room = state.rooms.get(rid);
  if (!room || !canAccessRoom(state, room, userId)) throw fail('error-not-allowed', 'Not allowed', { method: 'messages/get' });
  const { lastUpdate, next, previous, type } = options;
  const count = options.count ?? 20;
  if (hasSyncCursors(ctx.options)) {
    if (type && type !== 'UPDATED' && type !== 'DELETED') throw fail('error-type-param-not-supported', 'The "type" parameter must be either "UPDATED" or "DELETED"');
    if ((next || previous) && !type) throw fail('error-type-param-required', 'The "type" parameter is required when using the "next" or "previous" parameters');
    if (next && previous) throw fail('error-cursor-conflict', 'You cannot provide both "next" and "previous" parameters');
    if ((next || previous) && lastUpdate) throw fail('error-cursor-and-lastUpdate-conflict', 'The attributes "next", "previous" and "lastUpdate" cannot be used together');
    const cursors = Boolean((next || previous) && count !== null && type);
    if (!cursors && !lastUpdate) return channelHistory(ctx, rid, options);
    if (lastUpdate) return changesSince(ctx, rid, lastUpdate);
    if (!type) throw fail('error-param-required', 'The "type" or "lastUpdate" parameters must be provided');
    return cursorPage(ctx, rid, type as 'UPDATED' | 'DELETED', typeof count === 'number' ? count : 20, next, previous);
  }
  return lastUpdate instanceof Date ? changesSince(ctx, rid, lastUpdate) : channelHistory(ctx, rid, options);
}

/** MongoDB compares a non-date `lastUpdate` with dates as never greater: nothing matches. */
function changesSince(ctx: ServerContext, rid: string, lastUpdate: unknown): unknown {
  if (!(lastUpdate instanceof Date)) return { updated: [], deleted: [] };
  const { updated, deleted } = ctx.state.changesSince(rid, lastUpdate);
  return { updated: updated.map(messageView), deleted };
}

function channelHistory(ctx: ServerContext, rid: string, options: MessagesGetOptions): unknown {
  const { latestDate, oldestDate, inclusive, count } = options;
  const latest = latestDate instanceof Date ? latestDate.getTime() : Date.now();
  const oldest = oldestDate instanceof Date ? oldestDate.getTime() : undefined;
  const within = (m: MessageRecord): boolean => {
    const ts = m.ts.getTime();
    return (inclusive === true ? ts <= latest : ts < latest) && (oldest === undefined || (inclusive === true ? ts >= oldest : ts > oldest));
  };
  const max = typeof count === 'number' && count > 0 ? Math.floor(count) : 20;
  return { messages: ctx.state.history(rid, new Date(latest + 1), max, within).map(messageView) };
}

function cursorTime(cursor: unknown): number {
  const ms = Number.parseInt(String(cursor), 10);
  if (Number.isNaN(ms) || Number.isNaN(new Date(ms).getTime())) throw new Error('Invalid Date');
  return ms;
}

/** One page of `count` by `_updatedAt` / `_deletedAt`, ascending after `next`, descending before `previous`. */
function cursorPage(ctx: ServerContext, rid: string, type: 'UPDATED' | 'DELETED', count: number, next: unknown, previous: unknown): unknown {
  const rows: { _id: string; at: number; doc: unknown }[] = type === 'UPDATED'
    ? ctx.state.updatedIn(rid).map((m) => ({ _id: m._id, at: m._updatedAt.getTime(), doc: messageView(m) }))
    : ctx.state.trashedIn(rid).map((d) => ({ _id: d._id, at: d._deletedAt.getTime(), doc: d }));
  const limit = next || previous ? count + 1 : Number.MAX_SAFE_INTEGER;
  let page = previous
    ? rows.filter((r) => r.at < cursorTime(previous)).sort((a, b) => b.at - a.at)
    : rows.filter((r) => r.at > (next ? cursorTime(next) : 0)).sort((a, b) => a.at - b.at);
  page = page.slice(0, limit);
  const at = (row: { at: number } | undefined): string | null => (row ? String(row.at) : null);
  const last = page.length > count ? page[page.length - 2] : page[page.length - 1];
  const cursor = page.length === 0 ? { next: null, previous: null } : {
    next: previous ? at(page[0]) : next && page.length <= count ? null : at(last),
    previous: next ? at(page[0]) : previous && page.length <= count ? null : previous ? at(page[page.length - 2]) : at(page[0]),
  };
  if (page.length > count) page.pop();
  return { [type.toLowerCase()]: page.map((r) => r.doc), cursor };
}
