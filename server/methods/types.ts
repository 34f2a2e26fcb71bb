import type { ServerContext } from '../context.js';
import type { Session } from '../ddp/session.js';

export interface MethodCall {
  ctx: ServerContext;
  session: Session;
  userId: string | null;
}

/** A DDP method: gets the raw (EJSON-decoded) params, returns the result or throws a MeteorError. */
export type MethodHandler = (call: MethodCall, params: unknown[]) => unknown;
