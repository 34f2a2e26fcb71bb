// Which room a rocketchat:// link means, on the server we are signed in to. Pure over the core's room list and
// handlers, so it runs without Electron.
import type { Handlers } from '../../../contract/calls.js';
import type { Room } from '../../../contract/model.js';
import type { RoomLink } from './deep-links.js';

const ROOM_TYPE = { direct: 'd', channel: 'c', group: 'p' } as const;

/**
 * The id of the linked room, or null when there is no such room for this user. A `direct/<username>` link opens
 * the conversation with that user, as in Rocket.Chat itself, and starts one only after the user agrees (starting
 * creates a room on the server, under the user's name); rooms by id or name must already be in the user's room
 * list — a link cannot make us join anything.
 */
export async function roomForLink(
  link: RoomLink,
  rooms: readonly Room[],
  startDirect: Handlers['rooms.startDirect'],
  confirmStartDirect: (username: string) => Promise<boolean>,
): Promise<string | null> {
  const { target } = link;
  if ('rid' in target) return rooms.some((room) => room.id === target.rid) ? target.rid : null;
  const type = ROOM_TYPE[target.kind];
  const known = rooms.find((room) => room.type === type && room.name === target.name);
  if (known) return known.id;
  if (target.kind !== 'direct' || !(await confirmStartDirect(target.name))) return null;
  const started = await startDirect(target.name);
  return started.ok ? started.value.id : null;
}
