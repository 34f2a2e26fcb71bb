import type { ServerContext } from './context.js';
import { deleteMessagesBulk, storeSystemMessage } from './services/message-edits.js';
import { sendMessage } from './services/messages.js';
import { notifyOwnRecord, notifyRoomChanged } from './services/notify.js';
import { addToRoom, deleteRoom, ensureDirectRoom, removeFromRoom, setSubscriptionsArchived } from './services/rooms.js';
import type { RoomRecord, UserRecord } from './store/types.js';

/**
 * Administration and bulk data, the way an admin or an import changes a real server: never through a client's
 * DDP connection, so the rate limiter does not apply. Rooms are named by channel name or room id.
 */
export interface Admin {
  /** Stores and fans out a message as `username` wrote it (history seeding); returns its id. */
  post(username: string, room: string, msg: string, id?: string): string;
  /** The two-person DM of these users (created when missing); returns its id. */
  directRoom(username: string, peer: string): string;
  /** The channel's owner adds the user to it (the user gets `inserted` entries; the room an `au` line). */
  addToRoom(username: string, room: string): void;
  /** An admin removes the user from the room (the user gets `removed` entries). */
  removeFromRoom(username: string, room: string): void;
  /** An admin deletes the room for every member. */
  deleteRoom(room: string): void;
  /** Room setting "read-only". */
  setReadOnly(room: string, readOnly: boolean): void;
  /** Mutes the user in the room. */
  mute(username: string, room: string): void;
  /** Deactivates (or reactivates) the user's account. */
  setActive(username: string, active: boolean): void;
  /** The "Verified" switch of the admin's user form: marks (or unmarks) the user's addresses verified. */
  setEmailVerified(username: string, verified: boolean): void;
  /** Renames the user (as an admin or the user in their profile): their own connections get `changed` {name}. */
  setName(username: string, name: string): void;
  /** Stores a system message (`uj`, `ul`, `au`, `ru`, `r`, `room_changed_topic`, `user-muted`, …) by `username`. */
  systemMessage(username: string, room: string, t: string, msg: string): string;
  /** Retention / prune: deletes these messages with one `<rid>/deleteMessageBulk`. */
  pruneMessages(room: string, ids: string[]): void;
  /** Makes the room a Rocket.Chat E2E room (`encrypted: true`). */
  setEncrypted(room: string, encrypted: boolean): void;
  /** Archives the room (`archived` on the room and every member's subscription): sends are refused. */
  setArchived(room: string, archived: boolean): void;
}

export function createAdmin(ctx: ServerContext): Admin {
  const user = (username: string): UserRecord => {
    const found = ctx.state.userByUsername(username);
    if (!found) throw new Error(`No such user: ${username}`);
    return found;
  };
  const room = (nameOrId: string): RoomRecord => {
    const found = ctx.state.rooms.get(nameOrId) ?? ctx.state.channelByName(nameOrId);
    if (!found) throw new Error(`No such room: ${nameOrId}`);
    return found;
  };
  /** An admin's change to a room's settings: saved, and announced to its members as an update. */
  const changeRoom = (nameOrId: string, change: (target: RoomRecord) => void): RoomRecord => {
    const target = room(nameOrId);
    change(target);
    target._updatedAt = ctx.state.now();
    ctx.changed();
    notifyRoomChanged(ctx, 'updated', target);
    return target;
  };
  return {
    post(username, target, msg, id) {
      const stored = sendMessage(ctx, user(username), { rid: room(target)._id, msg, ...(id ? { _id: id } : {}) });
      if (!stored?._id) throw new Error('The message was not stored');
      return stored._id;
    },
    directRoom: (username, peer) => ensureDirectRoom(ctx, [user(username), user(peer)]).room._id,
    addToRoom(username, target) {
      const found = room(target);
      const added = user(username);
      const owner = found.u ? ctx.state.users.get(found.u._id) : undefined;
      if (addToRoom(ctx, found, added) && owner && found.sysMes) storeSystemMessage(ctx, found, owner, 'au', added.username);
    },
    removeFromRoom: (username, target) => removeFromRoom(ctx, room(target), user(username)),
    deleteRoom: (target) => deleteRoom(ctx, room(target)),
    setReadOnly: (target, readOnly) => void changeRoom(target, (found) => { found.ro = readOnly; }),
    mute: (username, target) => void changeRoom(target, (found) => {
      found.muted = [...new Set([...(found.muted ?? []), user(username).username])];
    }),
    setActive(username, active) {
      user(username).active = active;
      ctx.changed();
    },
    setEmailVerified(username, verified) {
      for (const email of user(username).emails) email.verified = verified;
      ctx.changed();
    },
    setName(username, name) {
      const found = user(username);
      found.name = name;
      ctx.changed();
      notifyOwnRecord(ctx, found, { name });
    },
    systemMessage: (username, target, t, msg) => storeSystemMessage(ctx, room(target), user(username), t, msg)._id,
    pruneMessages: (target, ids) => deleteMessagesBulk(ctx, room(target), ids),
    setEncrypted: (target, encrypted) => void changeRoom(target, (found) => { found.encrypted = encrypted; }),
    setArchived(target, archived) {
      const found = changeRoom(target, (r) => { r.archived = archived; });
      setSubscriptionsArchived(ctx, found, archived);
    },
  };
}
