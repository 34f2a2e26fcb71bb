import type { State } from '../store/state.js';
import type { RoomRecord } from '../store/types.js';

/**
 * Rocket.Chat's canAccessRoom for the room types this server has: a public channel is readable by every
 * logged-in user (the default `view-c-room` permission); a DM only by its members.
 */
export function canAccessRoom(state: State, room: RoomRecord, uid: string | null): boolean {
  if (!uid) return false;
  if (room.t === 'c') return true;
  return state.subscription(room._id, uid) !== undefined;
}

export function isMember(state: State, rid: string, uid: string | null): boolean {
  return uid !== null && state.subscription(rid, uid) !== undefined;
}

/** User ids with a subscription to the room. */
export function memberIds(state: State, rid: string): string[] {
  return state.subscriptionsOfRoom(rid).map((sub) => sub.u._id);
}
