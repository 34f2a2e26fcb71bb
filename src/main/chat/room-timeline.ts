// What one room shows: server messages, our pending sends, decrypted private messages and app notices,
// kept in memory only (private plaintext must never reach the disk), ordered by time then id.
import { HISTORY_WINDOW, type HistoryPage, type Message, type OldestShown } from '../../contract/model.js';

export class RoomTimeline {
  private readonly byId = new Map<string, Message>();
  private sorted: Message[] | undefined;
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

  all(): Message[] {
    this.sorted ??= [...this.byId.values()].sort(byTimeThenId);
    return this.sorted;
  }

  /** Messages before `cursor` in this order (all of them for null). */
  before(cursor: OldestShown | null): Message[] {
    const all = this.all();
    if (cursor === null) return all;
    let end = 0;
    while (end < all.length && byTimeThenId(all[end]!, cursor) < 0) end++;
    return all.slice(0, end);
  }
}

/** The newest page of `messages` (oldest first) the renderer is handed, never the whole of a long room. */
export function newestWindow(messages: readonly Message[], serverHasMore: boolean): HistoryPage {
  return { messages: messages.slice(-HISTORY_WINDOW), hasMore: messages.length > HISTORY_WINDOW || serverHasMore };
}

function byTimeThenId(a: Pick<Message, 'ts' | 'id'>, b: Pick<Message, 'ts' | 'id'>): number {
  return a.ts - b.ts || a.id.localeCompare(b.id);
}

function sameMessage(a: Message, b: Message): boolean {
  return a.text === b.text && a.status === b.status && a.kind === b.kind && a.ts === b.ts && a.error?.code === b.error?.code
    && a.editedAt === b.editedAt && JSON.stringify(a.reactions) === JSON.stringify(b.reactions)
    && a.thread?.count === b.thread?.count && a.files?.length === b.files?.length;
}
