import type { ServerContext } from '../context.js';
import type { UserStatus } from '../store/types.js';
import { notifyOwnRecord, notifyUserStatus } from './notify.js';

/**
 * Rocket.Chat's presence rule: no logged-in connection → offline; otherwise the default status the user chose,
 * where a default of "online" follows the connections (online if any connection is online, else away).
 */
export function recomputePresence(ctx: ServerContext, uid: string): void {
  const user = ctx.state.users.get(uid);
  if (!user) return;
  const sessions = [...ctx.sessions].filter((s) => s.userId === uid && !s.closed);
  const connection: 'online' | 'away' | 'offline' =
    sessions.length === 0 ? 'offline' : sessions.some((s) => s.connectionStatus === 'online') ? 'online' : 'away';
  let status: UserStatus = 'offline';
  if (connection !== 'offline') status = user.statusDefault === 'online' ? connection : user.statusDefault;
  if (status === user.status && connection === user.statusConnection) return;
  const statusChanged = status !== user.status;
  user.status = status;
  user.statusConnection = connection;
  user._updatedAt = ctx.state.now();
  ctx.changed();
  if (statusChanged) notifyUserStatus(ctx, user);
  notifyOwnRecord(ctx, user, { status, statusConnection: connection });
}

export const USER_STATUSES: readonly UserStatus[] = ['online', 'away', 'busy', 'offline'];

export function setDefaultStatus(ctx: ServerContext, uid: string, status: UserStatus): void {
  const user = ctx.state.users.get(uid);
  if (!user) return;
  user.statusDefault = status;
  user._updatedAt = ctx.state.now();
  ctx.changed();
  recomputePresence(ctx, uid);
}
