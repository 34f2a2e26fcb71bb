import type { ServerContext } from '../context.js';
import { MeteorError } from '../ddp/errors.js';
import { messageView } from '../store/views.js';
import type { MessageRecord, RoomRecord, UserRecord } from '../store/types.js';
import { randomId } from '../util/ids.js';
import { addMarkup } from './message-markup.js';

// What happens to stored messages after they were sent, as Rocket.Chat does it with its default settings
// (Message_AllowEditing and Message_AllowDeleting on, no time limit, Message_ShowDeletedStatus off): edits and
// reactions re-send the whole message under the same `_id`; deletions go out on `stream-notify-room`.

const notAllowed = (method: string, action: string): MeteorError =>
  new MeteorError('error-action-not-allowed', 'Not allowed', { method, action });

function ownMessage(ctx: ServerContext, user: UserRecord, id: string, method: string, action: string): MessageRecord {
  const message = ctx.state.message(id);
  // Without edit-message/delete-message (admins and moderators only), a user may change only their own messages.
  if (!message || message.u._id !== user._id || !ctx.state.subscription(message.rid, user._id)) throw notAllowed(method, action);
  return message;
}

function reemit(ctx: ServerContext, message: MessageRecord): void {
  message._updatedAt = ctx.state.now();
  ctx.changed();
  ctx.hub.emit('stream-room-messages', message.rid, [messageView(message)]);
}

/** `updateMessage`: the new text under the same `_id`, with `editedAt` and `editedBy`. */
export function updateMessage(ctx: ServerContext, user: UserRecord, id: string, msg: string): void {
  const message = ownMessage(ctx, user, id, 'updateMessage', 'Message_editing');
  if (message.t === 'e2e') throw notAllowed('updateMessage', 'Message_editing');
  if (msg.length > ctx.options.maxMessageSize) throw new MeteorError('error-message-size-exceeded', 'Message size exceeds Message_MaxAllowedSize', { method: 'updateMessage' });
  if (message.msg === msg) return;
  message.msg = msg;
  message.editedAt = ctx.state.now();
  message.editedBy = { _id: user._id, username: user.username };
  addMarkup(ctx, user, message);
  reemit(ctx, message);
}

/**
 * `deleteMessage`: gone from history; members hear `<rid>/deleteMessage` `[{_id}]`. With Message_ShowDeletedStatus
 * the message stays as `t: 'rm'` with its content emptied, re-sent on the room stream.
 */
export function deleteMessage(ctx: ServerContext, user: UserRecord, id: string): void {
  const message = ownMessage(ctx, user, id, 'deleteMessage', 'Delete_message');
  if (ctx.options.showDeletedStatus) {
    Object.assign(message, { msg: '', t: 'rm', urls: [], mentions: [], attachments: [], editedAt: ctx.state.now() });
    message.editedBy = { _id: user._id, username: user.username };
    delete message.md;
    delete message.reactions;
    reemit(ctx, message);
    return;
  }
  ctx.state.trashMessages(message.rid, (m) => m._id === id, ctx.state.now());
  ctx.changed();
  ctx.hub.emit('stream-notify-room', `${message.rid}/deleteMessage`, [{ _id: id }]);
}

/** Retention / prune: removes these messages and announces them in one `<rid>/deleteMessageBulk`. */
export function deleteMessagesBulk(ctx: ServerContext, room: RoomRecord, ids: string[]): void {
  const wanted = new Set(ids);
  const gone = ctx.state.history(room._id, null, Number.MAX_SAFE_INTEGER, (m) => wanted.has(m._id));
  ctx.state.trashMessages(room._id, (m) => wanted.has(m._id), ctx.state.now());
  ctx.changed();
  const times = gone.map((m) => m.ts.getTime());
  const ts = times.length > 0 ? { $gte: new Date(Math.min(...times)), $lte: new Date(Math.max(...times)) } : {};
  ctx.hub.emit('stream-notify-room', `${room._id}/deleteMessageBulk`, [
    { rid: room._id, excludePinned: false, ignoreDiscussion: true, ts, users: [], ids: gone.map((m) => m._id) },
  ]);
}

/** `setReaction(reaction, messageId, shouldReact?)`: toggles the user's reaction; the message is re-sent. */
export function setReaction(ctx: ServerContext, user: UserRecord, reaction: string, id: string, shouldReact?: boolean): void {
  const message = ctx.state.message(id);
  if (!message || !ctx.state.subscription(message.rid, user._id)) throw new MeteorError('error-not-allowed', 'Not allowed', { method: 'setReaction' });
  const emoji = reaction.startsWith(':') ? reaction : `:${reaction}:`;
  if (!/^:[\w+-]+:$/.test(emoji)) throw new MeteorError('error-not-allowed', 'Invalid emoji provided.', { method: 'setReaction' });
  const reactions = { ...(message.reactions ?? {}) };
  const usernames = reactions[emoji]?.usernames ?? [];
  const has = usernames.includes(user.username);
  const react = shouldReact ?? !has;
  if (react === has) return;
  const next = react ? [...usernames, user.username] : usernames.filter((u) => u !== user.username);
  if (next.length > 0) reactions[emoji] = { usernames: next };
  else delete reactions[emoji];
  if (Object.keys(reactions).length > 0) message.reactions = reactions;
  else delete message.reactions;
  reemit(ctx, message);
}

/** A system message (`uj`, `ul`, `au`, `ru`, `r`, `room_changed_topic`, `user-muted`, …) as the server writes it. */
export function storeSystemMessage(ctx: ServerContext, room: RoomRecord, user: UserRecord, t: string, msg: string): MessageRecord {
  const message: MessageRecord = {
    _id: randomId(),
    rid: room._id,
    t,
    msg,
    ts: ctx.state.now(),
    u: { _id: user._id, username: user.username, name: user.name },
    _updatedAt: ctx.state.now(),
    urls: [],
    mentions: [],
    channels: [],
    groupable: false,
  };
  ctx.state.insertMessage(message);
  ctx.changed();
  ctx.hub.emit('stream-room-messages', room._id, [messageView(message)]);
  return message;
}
