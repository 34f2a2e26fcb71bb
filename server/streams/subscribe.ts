import type { ServerContext } from '../context.js';
import { isPlainObject } from '../ddp/check.js';
import { matchFailed, MeteorError, toWireError } from '../ddp/errors.js';
import type { Session } from '../ddp/session.js';
import { limitInput } from '../services/rate-limiter.js';
import { isStreamName } from './hub.js';
import { canRead } from './permissions.js';

/** Parses `[eventName, options]` where options is a boolean or `{useCollection?, args?}`. */
function parseParams(params: unknown[]): { eventName: string; useCollection: boolean } {
  const [eventName, options] = params;
  if (typeof eventName !== 'string') throw matchFailed();
  if (options === undefined || typeof options === 'boolean') return { eventName, useCollection: options === true };
  if (!isPlainObject(options)) throw matchFailed();
  for (const [key, value] of Object.entries(options)) {
    if (key === 'useCollection' && typeof value === 'boolean') continue;
    if (key === 'args' && Array.isArray(value)) continue;
    throw matchFailed();
  }
  return { eventName, useCollection: options.useCollection === true };
}

/** Handles a DDP `sub`: ready when allowed, nosub with Rocket.Chat's error otherwise. */
export function subscribe(ctx: ServerContext, session: Session, subId: string, name: string, params: unknown[]): void {
  if (session.subs.has(subId)) return;
  try {
    ctx.limiter.check(limitInput(session, 'subscription', name));
    if (!isStreamName(name)) throw new MeteorError(404, `Subscription '${name}' not found`);
    const { eventName, useCollection } = parseParams(params);
    if (eventName.length === 0) throw new MeteorError('invalid-event-name');
    if (!canRead(ctx, session.userId, name, eventName)) throw new MeteorError('not-allowed');
    ctx.hub.add(session, { subId, stream: name, eventName });
    if (useCollection) session.send({ msg: 'added', collection: name, id: 'id', fields: { eventName } });
    session.send({ msg: 'ready', subs: [subId] });
  } catch (err) {
    session.send({ msg: 'nosub', id: subId, error: toWireError(err) });
  }
}

export function unsubscribe(ctx: ServerContext, session: Session, subId: string): void {
  ctx.hub.remove(session, subId);
  session.send({ msg: 'nosub', id: subId });
}

/** After the connection's user changes, stops (nosub) every stream it may no longer read. */
export function revalidateSubscriptions(ctx: ServerContext, session: Session): void {
  for (const sub of [...session.subs.values()]) {
    if (!isStreamName(sub.stream) || !canRead(ctx, session.userId, sub.stream, sub.eventName)) {
      ctx.hub.remove(session, sub.subId);
      session.send({ msg: 'nosub', id: sub.subId });
    }
  }
}
