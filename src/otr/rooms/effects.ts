// Carries out what the flow machine asked for: wire text out, engine calls, statuses and notices, trust writes.
import { DECLINE_TEXT, queryText, UNREADABLE_TEXT, WITHDRAW_TEXT } from '../flow/conventions.js';
import { FAILURE } from '../flow/steps.js';
import type { FlowEffect, SessionSeq } from '../flow/types.js';
import { outgoingMeta, transportError, type Room, type RoomsContext } from './room.js';

export function perform(ctx: RoomsContext, room: Room, effect: FlowEffect): void {
  switch (effect.type) {
    case 'sendQuery':
      // A query that cannot be delivered ends the request at once rather than at the countdown.
      room.outbox
        .send(queryText(ctx.me.username, room.state.config.timeoutMs))
        .catch((error: unknown) => ctx.dispatch(room, { type: 'transportFailed', error: transportError(error) }));
      return;
    case 'sendDecline':
      return bestEffort(room, DECLINE_TEXT);
    case 'sendWithdraw':
      return bestEffort(room, WITHDRAW_TEXT);
    case 'sendUnreadable':
      return bestEffort(room, UNREADABLE_TEXT);
    case 'openSession': {
      const id = ctx.sessionId(room, effect.session);
      ctx.sessions.set(id, { room, seq: effect.session, status: 'open' });
      ctx.engine.openSession(id, { fragmentSize: ctx.fragmentSize });
      return;
    }
    case 'feed':
      return ctx.engine.receive(ctx.sessionId(room, effect.session), effect.wire, effect.meta);
    case 'closeSession':
      return drop(ctx, room, effect.session);
    case 'endSession': {
      const id = ctx.sessionId(room, effect.session);
      const record = ctx.sessions.get(id);
      if (record !== undefined) record.status = 'ending';
      ctx.engine.end(id);
      return;
    }
    case 'encrypt': {
      const id = ctx.sessionId(room, effect.session);
      room.outgoing.begin(effect.message.localId, id);
      if (effect.queued) ctx.listener.outgoingStatus(room.id, effect.message.localId, 'pending');
      ctx.engine.send(id, effect.message.text, outgoingMeta(effect.message.localId));
      return;
    }
    case 'failQueued':
      effect.localIds.forEach((localId) => ctx.listener.outgoingStatus(room.id, localId, 'failed', effect.error));
      return;
    case 'failOutgoing':
      room.outgoing.take(effect.scope).forEach((localId) => ctx.listener.outgoingStatus(room.id, localId, 'failed', effect.error));
      return;
    case 'notice':
      return ctx.listener.notice(room.id, effect.code, effect.at);
    case 'smpStart':
      return ctx.engine.smpStart(ctx.sessionId(room, effect.session), effect.secret, effect.question);
    case 'smpAnswer':
      return ctx.engine.smpAnswer(ctx.sessionId(room, effect.session), effect.secret);
    case 'smpAbort':
      return ctx.engine.smpAbort(ctx.sessionId(room, effect.session));
    case 'trustVerified':
      ctx.trust.setVerified(room.peer.id, effect.fingerprint, effect.verified).catch(trustWriteFailed);
      return;
    case 'trustRemember':
      ctx.trust.remember(room.peer.id, room.peer.username, effect.fingerprint).catch(trustWriteFailed);
      return;
  }
}

/** Decline, withdraw and "unreadable" are courtesies: the peer's own countdown covers a lost one. */
function bestEffort(room: Room, text: string): void {
  room.outbox.send(text).catch(() => undefined);
}

/** Abandons a session without a disconnect. Its messages that never reached the transport will not. */
function drop(ctx: RoomsContext, room: Room, seq: SessionSeq): void {
  const id = ctx.sessionId(room, seq);
  const record = ctx.sessions.get(id);
  if (record !== undefined) record.status = 'dropped';
  ctx.engine.closeSession(id);
  room.outgoing.takeUnsent(id).forEach((localId) => ctx.listener.outgoingStatus(room.id, localId, 'failed', FAILURE.ended));
}

function trustWriteFailed(): void {
  console.warn('OTR trust store: a write failed; the change may not survive a restart');
}
