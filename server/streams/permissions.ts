import type { ServerContext } from '../context.js';
import { canAccessRoom, isMember } from '../services/access.js';
import type { StreamName } from './hub.js';

/** Read rules of Rocket.Chat's streamers for the events this server emits. */
export function canRead(ctx: ServerContext, uid: string | null, stream: StreamName, eventName: string): boolean {
  if (stream === 'stream-notify-all') return true;
  if (!uid) return false;
  switch (stream) {
    case 'stream-notify-logged':
      return true;
    case 'stream-notify-user':
      return eventName.startsWith(`${uid}/`);
    case 'stream-room-messages': {
      if (eventName === '__my_messages__') return true;
      const room = ctx.state.rooms.get(eventName);
      return room !== undefined && canAccessRoom(ctx.state, room, uid);
    }
    case 'stream-notify-room': {
      const room = ctx.state.rooms.get(eventName.split('/')[0] ?? '');
      return room !== undefined && canAccessRoom(ctx.state, room, uid);
    }
  }
}

/**
 * Write rules (method `stream-<name>`). Only typing/user-activity in a room the writer belongs to, under the
 * writer's own username. 8.x allows nothing on stream-notify-user (its `otr` branch is gone).
 */
export function canWrite(ctx: ServerContext, uid: string | null, stream: StreamName, eventName: string, args: unknown[]): boolean {
  if (!uid || stream !== 'stream-notify-room') return false;
  const [rid, event] = eventName.split('/');
  if (event !== 'user-activity' && event !== 'typing') return false;
  const user = ctx.state.users.get(uid);
  return user !== undefined && args[0] === user.username && isMember(ctx.state, rid ?? '', uid);
}
