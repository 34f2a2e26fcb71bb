// What one room shows: server messages, our pending sends, decrypted private messages and app notices,
// kept in memory only (private plaintext must never reach the disk), ordered by time then id.
import type { Message } from '../../contract/model.js';

export class RoomTimeline {
  private readonly byId = new Map<string, Message>();
  private sorted: Message[] | undefined;
  /** Server time of the oldest server message loaded: the cursor for paging backwards. */
  oldestServerTs: number | undefined;
  hasMore = true;
  loaded = false;

  get(id: string): Message | undefined {
    return this.byId.get(id);
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  /** Adds or replaces a message; returns true when what the user sees changed. */
  upsert(message: Message): boolean {
    const before = this.byId.get(message.id);
    if (before && sameMessage(before, message)) return false;
    this.byId.set(message.id, message);
    this.sorted = undefined;
    return true;
  }

  update(id: string, patch: Partial<Message>): Message | undefined {
    const before = this.byId.get(id);
    if (!before) return undefined;
    const after = { ...before, ...patch };
    this.upsert(after);
    return after;
  }

  remove(id: string): boolean {
    this.sorted = undefined;
    return this.byId.delete(id);
  }

  noteServerMessage(ts: number): void {
    if (this.oldestServerTs === undefined || ts < this.oldestServerTs) this.oldestServerTs = ts;
  }

  all(): Message[] {
    this.sorted ??= [...this.byId.values()].sort((a, b) => a.ts - b.ts || a.id.localeCompare(b.id));
    return this.sorted;
  }

  /** Messages older than `ts`, for the page that was just loaded. */
  olderThan(ts: number | undefined): Message[] {
    return ts === undefined ? this.all() : this.all().filter((m) => m.ts < ts);
  }
}

function sameMessage(a: Message, b: Message): boolean {
  return a.text === b.text && a.status === b.status && a.kind === b.kind && a.ts === b.ts && a.error?.code === b.error?.code
    && a.editedAt === b.editedAt && JSON.stringify(a.reactions) === JSON.stringify(b.reactions)
    && a.thread?.count === b.thread?.count && a.files?.length === b.files?.length;
}
