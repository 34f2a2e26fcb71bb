// Pure state updates for the store: history lists, room lists, presence. No api, no DOM.
import type { Message, OldestShown, Presence, Room } from '../../../contract/model.js';

/** First index whose ts is greater than `ts`: equal timestamps keep their arrival order. */
function insertionIndex(list: readonly Message[], ts: number): number {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (list[mid]!.ts <= ts) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** Adds a message, or replaces the one with the same id; the list stays sorted by time. */
export function upsertMessage(list: readonly Message[], message: Message): Message[] {
  const existing = list.findIndex((m) => m.id === message.id);
  if (existing >= 0 && list[existing]!.ts === message.ts) {
    const next = list.slice();
    next[existing] = message;
    return next;
  }
  const without = existing >= 0 ? list.filter((_, i) => i !== existing) : list.slice();
  without.splice(insertionIndex(without, message.ts), 0, message);
  return without;
}

export function removeMessage(list: readonly Message[], id: string): Message[] {
  return list.filter((m) => m.id !== id);
}

/** Puts an older page in front; messages already shown (same id) keep their current version. */
export function prependOlder(list: readonly Message[], older: readonly Message[]): Message[] {
  const known = new Set(list.map((m) => m.id));
  const fresh = older.filter((m) => !known.has(m.id)).sort((a, b) => a.ts - b.ts);
  if (fresh.length === 0) return list.slice();
  const last = fresh[fresh.length - 1]!;
  const first = list[0];
  if (!first || last.ts <= first.ts) return [...fresh, ...list];
  return fresh.reduce<Message[]>((acc, m) => upsertMessage(acc, m), list.slice());
}

/** Where older messages start: the first of the list in main's order (time, then id), null for an empty list. */
export function oldestShown(list: readonly Message[]): OldestShown | null {
  let oldest: Message | undefined;
  for (const m of list) {
    if (oldest && m.ts > oldest.ts) break;
    if (!oldest || m.ts < oldest.ts || m.id.localeCompare(oldest.id) < 0) oldest = m;
  }
  return oldest ? { ts: oldest.ts, id: oldest.id } : null;
}

/** Sorted copy of a page as it came from the server. */
export function sortedPage(messages: readonly Message[]): Message[] {
  return messages.slice().sort((a, b) => a.ts - b.ts);
}

export function applyPresence(rooms: readonly Room[], userId: string, presence: Presence): Room[] {
  return rooms.map((room) => (room.peer?.id === userId ? { ...room, peer: { ...room.peer, presence } } : room));
}

/** DMs first, each group by latest activity, then by name. */
export function sortRooms(rooms: readonly Room[]): Room[] {
  return rooms.slice().sort((a, b) => {
    const activity = (b.lastActivityAt ?? 0) - (a.lastActivityAt ?? 0);
    return activity !== 0 ? activity : a.displayName.localeCompare(b.displayName);
  });
}
