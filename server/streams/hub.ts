import type { Session, StreamSubscription } from '../ddp/session.js';

export const STREAMS = [
  'stream-room-messages',
  'stream-notify-user',
  'stream-notify-room',
  'stream-notify-logged',
  'stream-notify-all',
] as const;
export type StreamName = (typeof STREAMS)[number];

export function isStreamName(name: string): name is StreamName {
  return (STREAMS as readonly string[]).includes(name);
}

const keyOf = (stream: string, eventName: string): string => `${stream}\u0000${eventName}`;

/** Who listens to which stream event, and delivery of `changed` frames to them. */
export class StreamHub {
  private readonly listeners = new Map<string, Set<{ session: Session; sub: StreamSubscription }>>();

  add(session: Session, sub: StreamSubscription): void {
    session.subs.set(sub.subId, sub);
    const key = keyOf(sub.stream, sub.eventName);
    const set = this.listeners.get(key) ?? new Set();
    set.add({ session, sub });
    this.listeners.set(key, set);
  }

  remove(session: Session, subId: string): boolean {
    const sub = session.subs.get(subId);
    if (!sub) return false;
    session.subs.delete(subId);
    const key = keyOf(sub.stream, sub.eventName);
    const set = this.listeners.get(key);
    if (set) {
      for (const entry of set) if (entry.session === session && entry.sub.subId === subId) set.delete(entry);
      if (set.size === 0) this.listeners.delete(key);
    }
    return true;
  }

  removeSession(session: Session): void {
    for (const subId of [...session.subs.keys()]) this.remove(session, subId);
  }

  /**
   * Sends `{msg:'changed', collection, id:'id', fields:{eventName, args}}` once per matching subscription,
   * except to `except` (a stream write is never echoed to the writer's connection).
   */
  emit(stream: StreamName, eventName: string, args: unknown[], except?: Session): void {
    const set = this.listeners.get(keyOf(stream, eventName));
    if (!set) return;
    const frame = { msg: 'changed', collection: stream, id: 'id', fields: { eventName, args } };
    for (const { session } of set) {
      if (session !== except) session.send(frame);
    }
  }

  /** Sends to the subscriptions of one user only (for events whose name every member shares). */
  emitToUser(stream: StreamName, eventName: string, args: unknown[], uid: string): void {
    const set = this.listeners.get(keyOf(stream, eventName));
    if (!set) return;
    const frame = { msg: 'changed', collection: stream, id: 'id', fields: { eventName, args } };
    for (const { session } of set) if (session.userId === uid) session.send(frame);
  }
}
