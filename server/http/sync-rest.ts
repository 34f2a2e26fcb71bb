// GET /api/v1/chat.syncMessages: the REST face of `messages/get` (server/services/message-sync.ts). Before 7.1 it
// takes `roomId` and `lastUpdate` (ISO date); from 7.1 also `type`, `next`, `previous` and `count` (cursor pages).
import type { ServerContext } from '../context.js';
import { MeteorError } from '../ddp/errors.js';
import { messagesGet, type MessagesGetOptions } from '../services/message-sync.js';
import type { UserRecord } from '../store/types.js';
import { hasSyncCursors } from '../versions.js';
import type { RestAnswer } from './otr-rest.js';

const failure = (error: string, reason: string): MeteorError => new MeteorError(error, reason);

export function syncMessages(ctx: ServerContext, user: UserRecord, query: URLSearchParams): RestAnswer {
  try {
    const roomId = query.get('roomId') ?? '';
    const lastUpdate = query.get('lastUpdate');
    const options: MessagesGetOptions = {};
    if (hasSyncCursors(ctx.options)) {
      const type = query.get('type');
      if (!roomId) throw failure('error-param-required', 'The required "roomId" query param is missing');
      if (!lastUpdate && !type) throw failure('error-param-required', 'The "type" or "lastUpdate" parameters must be provided');
      for (const key of ['next', 'previous', 'type'] as const) {
        const value = query.get(key);
        if (value) options[key] = value;
      }
      const count = query.get('count');
      if (count) options.count = Number.parseInt(count, 10);
    } else {
      if (!roomId) throw failure('error-roomId-param-not-provided', 'The required "roomId" query param is missing.');
      if (!lastUpdate) throw failure('error-lastUpdate-param-not-provided', 'The required "lastUpdate" query param is missing.');
    }
    if (lastUpdate) {
      if (Number.isNaN(Date.parse(lastUpdate))) throw failure('error-roomId-param-invalid', 'The "lastUpdate" query parameter must be a valid date.');
      options.lastUpdate = new Date(lastUpdate);
    }
    const result = messagesGet(ctx, user._id, roomId, options);
    return { status: 200, body: { result, success: true } };
  } catch (error) {
    return { status: 400, body: { success: false, error: error instanceof Error ? error.message : String(error) } };
  }
}
