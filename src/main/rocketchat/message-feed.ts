// Delivers each state of a message once: an id again only with a new `_updatedAt` (an edit, a reaction, a deletion
// status: real servers re-send the whole message under the same `_id`). While a catch-up (after a sign-in or a
// reconnect, or for a room that just appeared) runs, the stream messages of its room (of every room: the reconnect's
// first one) wait in a buffer so the missed ones (older) go out first: listeners see each room's order of sending.
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
  /** Open catch-ups by name, each for one room (or every room: undefined); stream messages they cover wait in `held`. */
  private readonly holds = new Map<string, string | undefined>();
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
    if (this.isHeld(message.roomId)) this.held.push(message);
    else this.deliver(message);
  }

  /**
   * Opens a catch-up of one room (or of every room): its stream messages wait until no open catch-up covers that
   * room, so the catch-up of one DM does not hold back the others' live traffic. Idempotent per name, so a
   * reconnect catch-up that failed stays open (and keeps what it held) until the next attempt completes it.
   */
  hold(name: string, roomId?: string): void {
    this.holds.set(name, roomId);
  }

  /**
   * Closes a catch-up with what it found (any order). Of each room no open catch-up covers any more, the missed
   * messages go out oldest first, then the stream messages that waited, each id once.
   */
  release(name: string, missed: readonly RcMessage[]): void {
    this.missed.push(...missed);
    this.holds.delete(name);
    const free = (message: RcMessage): boolean => !this.isHeld(message.roomId);
    const missedNow = oldestFirst(this.missed.filter(free));
    const heldNow = this.held.filter(free);
    this.missed = this.missed.filter((message) => !free(message));
    this.held = this.held.filter((message) => !free(message));
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

  private isHeld(roomId: string): boolean {
    for (const held of this.holds.values()) if (held === undefined || held === roomId) return true;
    return false;
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
