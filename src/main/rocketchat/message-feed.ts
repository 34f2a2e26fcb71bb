// Delivers each state of a message once: an id again only with a new `_updatedAt` (an edit, a reaction, a deletion
// status: real servers re-send the whole message under the same `_id`). While a catch-up (after a reconnect, or for a room that just appeared) runs,
// stream messages wait in a buffer so the missed ones (older) go out first: listeners see the order of sending.
import { Emitter } from './emitter.js';
import { oldestFirst } from './records.js';
import type { Delivery, Logger, RcMessage } from './types.js';

/** A bounded set of ids, each with the version last seen: the oldest are forgotten first. */
export class SeenIds {
  private readonly ids = new Map<string, number>();
  constructor(private readonly limit: number) {}

  /** Adds the id (at `version`); 'seen' if it was there at this version or a newer one, 'newer' for a new state. */
  add(id: string, version = 0): 'new' | 'newer' | 'seen' {
    const known = this.ids.get(id);
    if (known !== undefined && known >= version) return 'seen';
    this.ids.set(id, version);
    if (known !== undefined) return 'newer';
    if (this.ids.size > this.limit) {
      const oldest = this.ids.keys().next();
      if (!oldest.done) this.ids.delete(oldest.value);
    }
    return 'new';
  }

  has(id: string): boolean {
    return this.ids.has(id);
  }

  clear(): void {
    this.ids.clear();
  }
}

const RECENT_LIMIT = 1000;

export class MessageFeed {
  readonly messages: Emitter<[string, RcMessage, Delivery]>;
  private readonly seen: SeenIds;
  /** Open catch-ups by name; while any is open, stream messages wait in `held`. */
  private readonly holds = new Set<string>();
  private held: RcMessage[] = [];
  private missed: RcMessage[] = [];
  /** Newest server timestamp delivered per room. */
  private readonly newest = new Map<string, number>();
  /** The last messages delivered, by id: a send the server answered with nothing may already be here. */
  private readonly recent = new Map<string, RcMessage>();

  constructor(logger: Logger, seenLimit: number) {
    this.messages = new Emitter(logger, 'message');
    this.seen = new SeenIds(seenLimit);
  }

  /** A message from the room stream. */
  live(message: RcMessage): void {
    if (this.holds.size > 0) this.held.push(message);
    else this.deliver(message);
  }

  /**
   * Opens a catch-up: stream messages wait until every open catch-up is released. Idempotent per name, so a
   * reconnect catch-up that failed stays open (and keeps what it held) until the next attempt completes it.
   */
  hold(name: string): void {
    this.holds.add(name);
  }

  /**
   * Closes a catch-up with what it found (any order). When the last one closes, the missed messages go out
   * oldest first, then the stream messages that waited, each id once.
   */
  release(name: string, missed: readonly RcMessage[]): void {
    this.missed.push(...missed);
    this.holds.delete(name);
    if (this.holds.size > 0) return;
    const missedNow = oldestFirst(this.missed);
    const heldNow = this.held;
    this.missed = [];
    this.held = [];
    for (const message of missedNow) this.deliver(message);
    for (const message of heldNow) this.deliver(message);
  }

  newestTs(roomId: string): number | undefined {
    return this.newest.get(roomId);
  }

  recentMessage(id: string): RcMessage | undefined {
    return this.recent.get(id);
  }

  reset(): void {
    this.holds.clear();
    this.held = [];
    this.missed = [];
    this.seen.clear();
    this.newest.clear();
    this.recent.clear();
  }

  private deliver(message: RcMessage): void {
    const seen = this.seen.add(message.id, message.updatedAt ?? message.ts);
    if (seen === 'seen') return;
    const newest = this.newest.get(message.roomId);
    if (newest === undefined || message.ts > newest) this.newest.set(message.roomId, message.ts);
    this.recent.set(message.id, message);
    if (this.recent.size > RECENT_LIMIT) this.recent.delete(this.recent.keys().next().value ?? '');
    this.messages.emit(message.roomId, message, seen === 'newer' ? { live: true, update: true } : { live: true });
  }
}
