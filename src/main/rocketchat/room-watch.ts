// Per-room streams (`<rid>` messages, `<rid>/user-activity` typing, `<rid>/deleteMessage[Bulk]`) only where they are needed, as the official
// clients do: the room on screen and the DMs with an OTR session in flight. Every room's messages already arrive
// on `__my_messages__`; opening two subscriptions per room would be refused past a few dozen rooms.
import type { StreamSubscriptions } from './subscriptions.js';

export type WatchReason = 'open' | 'otr';

const ROOM_STREAMS = [
  ['stream-room-messages', (rid: string) => rid],
  ['stream-notify-room', (rid: string) => `${rid}/user-activity`],
  ['stream-notify-room', (rid: string) => `${rid}/deleteMessage`],
  ['stream-notify-room', (rid: string) => `${rid}/deleteMessageBulk`],
] as const;

export class RoomWatch {
  private readonly reasons = new Map<string, Set<WatchReason>>();
  /** When each room watched before stopped being watched (client clock): what it missed since is fetched on reopen. */
  private readonly unwatchedAt = new Map<string, number>();

  constructor(private readonly streams: StreamSubscriptions, private readonly now: () => number) {}

  /** Adds or removes one reason to watch a room; streams follow whether any reason is left. */
  set(roomId: string, reason: WatchReason, on: boolean): void {
    const reasons = this.reasons.get(roomId) ?? new Set<WatchReason>();
    const before = reasons.size > 0;
    if (on) reasons.add(reason);
    else reasons.delete(reason);
    if (reasons.size > 0) this.reasons.set(roomId, reasons);
    else this.reasons.delete(roomId);
    if (!before && reasons.size > 0) for (const [name, event] of ROOM_STREAMS) void this.streams.want(name, event(roomId));
    if (before && reasons.size === 0) {
      for (const [name, event] of ROOM_STREAMS) this.streams.drop(name, event(roomId));
      this.unwatchedAt.set(roomId, this.now());
    }
  }

  /** When a room that is not watched now stopped being watched; undefined while watched, or never watched. */
  unwatchedSince(roomId: string): number | undefined {
    return this.reasons.has(roomId) ? undefined : this.unwatchedAt.get(roomId);
  }

  /** Only one room is on screen: opening one stops watching the last one for that reason. */
  open(roomId: string | undefined): void {
    for (const watched of this.rooms('open')) if (watched !== roomId) this.set(watched, 'open', false);
    if (roomId !== undefined) this.set(roomId, 'open', true);
  }

  rooms(reason: WatchReason): string[] {
    return [...this.reasons.entries()].filter(([, reasons]) => reasons.has(reason)).map(([roomId]) => roomId);
  }

  forget(roomId: string): void {
    this.set(roomId, 'open', false);
    this.set(roomId, 'otr', false);
    this.unwatchedAt.delete(roomId);
  }
}
