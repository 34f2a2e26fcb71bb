import { checkOptionalBoolean, checkString } from '../ddp/check.js';
import { invalidUser, matchFailed } from '../ddp/errors.js';
import { deleteMessage, setReaction, updateMessage } from '../services/message-edits.js';
import type { UserRecord } from '../store/types.js';
import type { MethodCall, MethodHandler } from './types.js';

function caller(call: MethodCall, method: string): UserRecord {
  const user = call.userId ? call.ctx.state.users.get(call.userId) : undefined;
  if (!user) throw invalidUser(method);
  return user;
}

// Match.ObjectIncluding({_id: String}): other keys are allowed.
function withId(value: unknown): Record<string, unknown> & { _id: string } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw matchFailed();
  const record = value as Record<string, unknown>;
  checkString(record._id);
  return record as Record<string, unknown> & { _id: string };
}

export const messageEditMethods: Record<string, MethodHandler> = {
  updateMessage(call, [message]) {
    const input = withId(message);
    checkString(input.msg);
    updateMessage(call.ctx, caller(call, 'updateMessage'), input._id, input.msg);
    return undefined;
  },

  deleteMessage(call, [message]) {
    const input = withId(message);
    deleteMessage(call.ctx, caller(call, 'deleteMessage'), input._id);
    return undefined;
  },

  setReaction(call, [reaction, messageId, shouldReact]) {
    checkString(reaction);
    checkString(messageId);
    checkOptionalBoolean(shouldReact);
    setReaction(call.ctx, caller(call, 'setReaction'), reaction, messageId, shouldReact ?? undefined);
    return undefined;
  },
};
