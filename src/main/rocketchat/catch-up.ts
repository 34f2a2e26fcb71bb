// Which rooms may have missed messages while we were away, and fetching them without losing one. Each room has a
// mark: every message up to it has been delivered. Live messages move it only while the room is complete; a
// catch-up moves it only after it really fetched everything past it, so a refused or dropped call never skips a
// message (the room stays stale and the next attempt starts from the same mark).
import { sleep, type Clock } from './clock.js';
import { DdpMethodError } from './ddp-connection.js';
import { isRateLimit, retryAtOf } from './errors.js';
import { fetchSince, newestOf, type MethodCall } from './history.js';
import type { RoomDirectory } from './rooms.js';
import type { Logger, RcHistoryPage, RcMessage } from './types.js';

export interface CatchUpDeps {
  rooms: RoomDirectory;
  clock: Clock;
  logger: Logger;
  pageSize: number;
  maxPerRoom: number;
}

/** Rate-limit refusals a catch-up call waits out before it gives up (and the room stays stale). */
const RATE_LIMIT_RETRIES = 5;
/**
 * How long the newest page a catch-up read stands in for a fresh one: opening a room asks for it right after its
 * catch-up, and one `loadHistory` instead of two halves what opening rooms after a reconnect costs of the budget.
 */
const NEWEST_PAGE_FRESH_MS = 1000;

export class CatchUp {
  private readonly marks = new Map<string, number>();
  private readonly stale = new Set<string>();
  private readonly running = new Map<string, Promise<RcMessage[]>>();
  private readonly newest = new Map<string, { page: RcHistoryPage; at: number }>();

  constructor(private readonly deps: CatchUpDeps) {}

  /**
   * The first connection, from the room list read before the streams were subscribed: what is already there is
   * history, not missed. The mark is just past the last activity, because a catch-up fetches from its mark
   * inclusive and the last message there was never delivered: it must not come back as a live one.
   */
  baseline(): void {
    const { rooms } = this.deps;
    for (const roomId of rooms.roomIds()) {
      const activity = rooms.lastActivity(roomId);
      if (!this.marks.has(roomId)) this.marks.set(roomId, activity !== undefined ? activity + 1 : rooms.joinedAt(roomId) ?? 0);
    }
  }

  /**
   * After the room sync of a reconnect, or of a sign-in once the streams are ready: rooms whose last activity moved
   * past their mark are stale (a message landed before the streams carried it to us).
   */
  findStale(): string[] {
    const { rooms } = this.deps;
    for (const roomId of rooms.roomIds()) {
      if (!this.marks.has(roomId)) this.marks.set(roomId, rooms.joinedAt(roomId) ?? 0);
      const activity = rooms.lastActivity(roomId);
      if (activity !== undefined && activity > (this.marks.get(roomId) ?? 0)) this.stale.add(roomId);
    }
    return [...this.stale];
  }

  /** A room that appeared while online: everything since the user joined may be missing. */
  joined(roomId: string): void {
    this.marks.set(roomId, this.deps.rooms.joinedAt(roomId) ?? 0);
    this.stale.add(roomId);
  }

  forget(roomId: string): void {
    this.marks.delete(roomId);
    this.stale.delete(roomId);
    this.newest.delete(roomId);
  }

  /** The room's newest page as the catch-up just read it (once, and only while fresh), cut to `limit` messages. */
  takeNewest(roomId: string, limit: number): RcHistoryPage | undefined {
    const kept = this.newest.get(roomId);
    this.newest.delete(roomId);
    if (!kept || this.deps.clock.now() - kept.at > NEWEST_PAGE_FRESH_MS || limit > this.deps.pageSize) return undefined;
    return newestOf(kept.page, limit);
  }

  isStale(roomId: string): boolean {
    return this.stale.has(roomId);
  }

  /** A message reached the listeners. */
  delivered(roomId: string, ts: number): void {
    if (this.stale.has(roomId) || this.running.has(roomId)) return;
    this.marks.set(roomId, Math.max(this.marks.get(roomId) ?? 0, ts));
  }

  /** Fetches what a stale room missed (nothing for a complete room); one fetch per room at a time. */
  fetch(call: MethodCall, roomId: string): Promise<RcMessage[]> {
    if (!this.stale.has(roomId)) return Promise.resolve([]);
    const running = this.running.get(roomId);
    if (running) return running;
    const fetching = this.fetchNow(call, roomId).finally(() => this.running.delete(roomId));
    this.running.set(roomId, fetching);
    return fetching;
  }

  private async fetchNow(call: MethodCall, roomId: string): Promise<RcMessage[]> {
    const { logger, pageSize, maxPerRoom } = this.deps;
    const mark = this.marks.get(roomId) ?? 0;
    const found = await fetchSince(this.retrying(call), logger, roomId, { ts: mark, inclusive: true }, pageSize, maxPerRoom);
    this.newest.set(roomId, { page: found.newest, at: this.deps.clock.now() });
    if (found.truncated) logger.warn(`[rocketchat] catch-up of a room stopped after ${found.messages.length} messages`);
    const newest = found.messages.reduce((max, message) => Math.max(max, message.ts), mark);
    this.marks.set(roomId, newest);
    this.stale.delete(roomId);
    return found.messages;
  }

  private retrying(call: MethodCall): MethodCall {
    return retryingRateLimits(call, this.deps.clock);
  }
}

/** A call that waits out `too-many-requests` (the server says how long) a few times before it fails. */
export function retryingRateLimits(call: MethodCall, clock: Clock): MethodCall {
  return async (method, params) => {
    for (let attempt = 0; ; attempt += 1) {
      try {
        return await call(method, params);
      } catch (error) {
        if (!(error instanceof DdpMethodError) || !isRateLimit(error.ddp) || attempt >= RATE_LIMIT_RETRIES) throw error;
        await sleep(clock, retryAtOf(error.ddp, clock.now()) - clock.now());
      }
    }
  };
}
