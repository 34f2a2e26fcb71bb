// Who is typing where, from `<rid>/user-activity` events. A "stopped" event can be lost (closed laptop, dropped
// socket), so every entry also expires on its own.
import { type Clock, type TimerHandle } from './clock.js';
import { Emitter } from './emitter.js';
import type { Logger } from './types.js';

export class TypingTracker {
  readonly changes: Emitter<[string, string[]]>;
  private readonly typing = new Map<string, Map<string, TimerHandle>>();

  constructor(private readonly clock: Clock, logger: Logger, private readonly expiryMs: number) {
    this.changes = new Emitter(logger, 'typing');
  }

  /** One activity event: `activities` containing 'user-typing' means typing, anything else means stopped. */
  activity(roomId: string, username: string, activities: readonly string[]): void {
    const typing = activities.includes('user-typing');
    const room = this.typing.get(roomId) ?? new Map<string, TimerHandle>();
    const known = room.has(username);
    this.clock.clearTimeout(room.get(username));
    if (typing) {
      room.set(username, this.clock.setTimeout(() => this.activity(roomId, username, []), this.expiryMs));
      this.typing.set(roomId, room);
      if (!known) this.emit(roomId);
      return;
    }
    if (!known) return;
    room.delete(username);
    if (room.size === 0) this.typing.delete(roomId);
    this.emit(roomId);
  }

  /** Forgets everything (connection lost: the stop events would be lost too). */
  clear(): void {
    const rooms = [...this.typing.keys()];
    for (const room of this.typing.values()) for (const timer of room.values()) this.clock.clearTimeout(timer);
    this.typing.clear();
    for (const roomId of rooms) this.changes.emit(roomId, []);
  }

  private emit(roomId: string): void {
    this.changes.emit(roomId, [...(this.typing.get(roomId)?.keys() ?? [])].sort());
  }
}
