// Bringing a room the user comes back to up to date, as Rocket.Chat's own clients do (`loadMissedMessages`):
// deletions and edits arrive on per-room streams only while a room is watched, so on reopen one `messages/get`
// with `lastUpdate` fetches what changed since the room was last watched (REST `chat.syncMessages` calls the same).
import type { Clock } from './clock.js';
import { retryingRateLimits } from './catch-up.js';
import { DdpMethodError } from './ddp-connection.js';
import type { MethodCall } from './history.js';
import { oldestFirst, toRcMessage } from './records.js';
import { MessageRecord, parseEach, Removed, RoomChangesResult } from './schemas.js';
import type { Logger, RcRoomChanges } from './types.js';

/**
 * `lastUpdate` is compared with the server's clock: asking from this long before the room was left covers a client
 * clock ahead of the server's. Changes seen twice are harmless (the same state of a message changes nothing).
 */
export const CLOCK_SKEW_MARGIN_MS = 5 * 60_000;

/** What changed in a room after `since` (client clock), or 'unsupported' where the server lacks `messages/get`. */
export async function fetchRoomChanges(
  call: MethodCall, clock: Clock, logger: Logger, roomId: string, since: number,
): Promise<RcRoomChanges | 'unsupported'> {
  let raw: unknown;
  try {
    raw = await retryingRateLimits(call, clock)('messages/get', [roomId, { lastUpdate: new Date(since - CLOCK_SKEW_MARGIN_MS) }]);
  } catch (error) {
    // Meteor's answer to a method the server does not have.
    if (error instanceof DdpMethodError && error.ddp.error === 404) return 'unsupported';
    throw error;
  }
  const result = RoomChangesResult.parse(raw);
  const updated = parseEach(MessageRecord, result.updated, 'message', logger).map(toRcMessage)
    .filter((message) => message.roomId === roomId);
  return {
    updated: oldestFirst([...updated].reverse()),
    deleted: parseEach(Removed, result.deleted, 'deletion', logger).map((entry) => entry._id),
  };
}
