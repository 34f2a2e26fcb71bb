import type { ServerContext } from '../context.js';
import { canAccessRoom, isMember } from '../services/access.js';
import { hasNativeOtr, otrEnabled } from '../versions.js';
import type { StreamName } from './hub.js';

/** Read rules of Rocket.Chat's streamers for the events this server emits. */
export function canRead(ctx: ServerContext, uid: string | null, stream: StreamName, eventName: string): boolean {
  if (stream === 'stream-notify-all') return true;
  if (!uid) return false;
  switch (stream) {
    case 'stream-notify-logged':
      return true;
    case 'stream-notify-user':
      // 7.x: `<uid>/otr` is readable only while OTR_Enable is on; 8.x dropped that branch (and never emits it).
      if (eventName === `${uid}/otr` && hasNativeOtr(ctx.options)) return otrEnabled(ctx.options);
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
  if (!uid) return false;
  if (stream === 'stream-notify-user' && hasNativeOtr(ctx.options)) return canWriteNotifyUser7(ctx, eventName, args);
  if (stream !== 'stream-notify-room') return false;
  const [rid, event] = eventName.split('/');
  if (event !== 'user-activity' && event !== 'typing') return false;
  const user = ctx.state.users.get(uid);
  return user !== undefined && args[0] === user.username && isMember(ctx.state, rid ?? '', uid);
}

/**
 * 7.x `notify-user` write rule (for a logged-in caller): an OTR `handshake`/`acknowledge` only while OTR_Enable is
 * on; everything else falls through to 7.x's default, which lets any logged-in user write. Nothing checks that the
 * writer shares a DM with the target or is the `userId` it names: receivers must validate.
 */
function canWriteNotifyUser7(ctx: ServerContext, eventName: string, args: unknown[]): boolean {
  const [type] = args;
  if (eventName.endsWith('/otr') && (type === 'handshake' || type === 'acknowledge')) return otrEnabled(ctx.options);
  return true;
}
