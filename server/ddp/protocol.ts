import type { ServerContext } from '../context.js';
import { limitInput } from '../services/rate-limiter.js';
import { METHODS } from '../methods/index.js';
import { subscribe, unsubscribe } from '../streams/subscribe.js';
import { parseEJSON } from '../util/ejson.js';
import { isPlainObject } from './check.js';
import { MeteorError, toWireError } from './errors.js';
import type { Session } from './session.js';

const SUPPORTED_VERSIONS = ['1', 'pre2', 'pre1'];

/** Meteor's connection-level error frame, for frames that are not valid DDP at all. */
function sendError(session: Session, reason: string, offendingMessage?: unknown): void {
  session.send({ msg: 'error', reason, ...(offendingMessage !== undefined ? { offendingMessage } : {}) });
}

function handleConnect(session: Session, frame: Record<string, unknown>): void {
  const { version, support } = frame;
  const supportList = Array.isArray(support) && support.every((v) => typeof v === 'string') ? support : undefined;
  const agreed = supportList?.find((v) => SUPPORTED_VERSIONS.includes(v)) ?? SUPPORTED_VERSIONS[0];
  if (typeof version !== 'string' || !supportList || !supportList.includes(version) || version !== agreed) {
    session.send({ msg: 'failed', version: agreed });
    session.close(1002, 'Unsupported DDP version');
    return;
  }
  session.connected = true;
  session.send({ msg: 'connected', session: session.id });
}

function runMethod(ctx: ServerContext, session: Session, id: string, name: string, params: unknown[]): void {
  let reply: { msg: 'result'; id: string; result?: unknown; error?: unknown };
  try {
    ctx.limiter.check(limitInput(session, 'method', name));
    const handler = ctx.missingMethods.has(name) ? undefined : METHODS.get(name);
    if (!handler) throw new MeteorError(404, `Method '${name}' not found`);
    const result = handler({ ctx, session, userId: session.userId }, params);
    reply = { msg: 'result', id, ...(result !== undefined ? { result } : {}) };
  } catch (err) {
    if (!(err instanceof MeteorError)) console.error(`[server] method ${name} failed:`, err);
    reply = { msg: 'result', id, error: toWireError(err) };
  }
  session.send(reply);
  session.send({ msg: 'updated', methods: [id] });
}

/** Routes one incoming text frame the way Meteor's DDP server does. Never throws. */
export function handleFrame(ctx: ServerContext, session: Session, raw: string): void {
  let frame: unknown;
  try {
    frame = parseEJSON(raw);
  } catch {
    sendError(session, 'Parse error');
    return;
  }
  if (!isPlainObject(frame)) {
    sendError(session, 'Bad request');
    return;
  }
  if (typeof frame.msg !== 'string' || frame.msg === '') {
    sendError(session, 'Bad request', frame);
    return;
  }
  if (frame.msg === 'connect') {
    if (session.connected) sendError(session, 'Already connected', frame);
    else handleConnect(session, frame);
    return;
  }
  if (!session.connected) {
    sendError(session, 'Must connect first', frame);
    return;
  }
  // Like Meteor, an explicit non-array `params` (null included) is malformed; a missing one means no params.
  const params = 'params' in frame ? frame.params : [];
  switch (frame.msg) {
    case 'ping':
      session.send({ msg: 'pong', ...(typeof frame.id === 'string' ? { id: frame.id } : {}) });
      return;
    case 'pong':
      return;
    case 'method':
      if (typeof frame.method !== 'string' || typeof frame.id !== 'string' || !Array.isArray(params)
        || ('randomSeed' in frame && typeof frame.randomSeed !== 'string')) {
        sendError(session, 'Malformed method invocation', frame);
        return;
      }
      runMethod(ctx, session, frame.id, frame.method, params);
      return;
    case 'sub':
      if (typeof frame.id !== 'string' || typeof frame.name !== 'string' || !Array.isArray(params)) {
        sendError(session, 'Malformed subscription', frame);
        return;
      }
      {
        const [subId, name] = [frame.id, frame.name];
        ctx.subHolds.run(name, params, () => {
          if (!session.closed) subscribe(ctx, session, subId, name, params);
        });
      }
      return;
    case 'unsub':
      if (typeof frame.id !== 'string') {
        sendError(session, 'Bad request', frame);
        return;
      }
      unsubscribe(ctx, session, frame.id);
      return;
    default:
      sendError(session, 'Bad request', frame);
  }
}
