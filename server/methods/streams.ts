import { checkString } from '../ddp/check.js';
import { STREAMS } from '../streams/hub.js';
import { canWrite } from '../streams/permissions.js';
import type { MethodHandler } from './types.js';

/**
 * Stream writes: method `stream-<name>` with `[eventName, ...args]`. A refused write is silently ignored
 * (Rocket.Chat's streamer returns nothing), and the writer's own connection never gets the echo.
 */
export const streamMethods: Record<string, MethodHandler> = Object.fromEntries(
  STREAMS.map((stream): [string, MethodHandler] => [
    stream,
    (call, [eventName, ...args]) => {
      checkString(eventName);
      const accepted = canWrite(call.ctx, call.userId, stream, eventName, args);
      call.ctx.traffic.streamWrites.push({ stream, eventName, type: typeof args[0] === 'string' ? args[0] : undefined, accepted });
      if (!accepted) return undefined;
      call.ctx.hub.emit(stream, eventName, args, call.session);
      return undefined;
    },
  ]),
);
