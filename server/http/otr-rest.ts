// POST /api/v1/chat.otr (7.x): the persisted OTR system messages. 8.x has no such endpoint.
import type { ServerContext } from '../context.js';
import { isOtrSystemType, saveOtrSystemMessage } from '../services/otr.js';
import type { UserRecord } from '../store/types.js';

export interface RestAnswer {
  status: number;
  body: unknown;
}

const invalidParams = (error: string): RestAnswer => ({
  status: 400,
  body: { success: false, errorType: 'invalid-params', error: `${error} [invalid-params]` },
});

/** ajv: `roomId` a non-empty string, `type` one of the three system types, nothing else; then canSendMessage. */
export function chatOtr(ctx: ServerContext, user: UserRecord, body: Record<string, unknown>): RestAnswer {
  const { roomId, type } = body;
  if (typeof roomId !== 'string' || roomId.length === 0) return invalidParams("must have required property 'roomId'");
  if (!isOtrSystemType(type)) return invalidParams('must be equal to one of the allowed values');
  if (Object.keys(body).some((k) => k !== 'roomId' && k !== 'type')) return invalidParams('must NOT have additional properties');
  const room = ctx.state.rooms.get(roomId);
  if (!room || !ctx.state.subscription(roomId, user._id)) {
    return { status: 400, body: { success: false, error: 'error-not-allowed', errorType: 'error-not-allowed' } };
  }
  saveOtrSystemMessage(ctx, user, room, type);
  return { status: 200, body: { success: true } };
}
