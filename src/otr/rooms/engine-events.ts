// What the engine reports, routed to its room: wire text to the outbox (with per-message delivery status),
// decrypted text to the listener, and session milestones to the flow machine.
import type { EngineEvent } from '../ports.js';
import { FAILURE } from '../flow/steps.js';
import { carrierOf, localIdOf, transportError, type RoomsContext, type SessionRecord } from './room.js';

export function onEngineEvent(ctx: RoomsContext, event: EngineEvent): void {
  const record = ctx.sessions.get(event.sessionId);
  if (record === undefined) return;
  const { room, seq } = record;
  switch (event.type) {
    case 'io':
      return onIo(ctx, record, event.wire, event.meta);
    case 'message': {
      // Plain text never comes this way (we only feed OTR wire text); a dropped session speaks no more.
      const carrier = carrierOf(event.meta);
      if (!event.encrypted || record.status === 'dropped' || carrier === null) return;
      room.outgoing.peerSpoke();
      // Under a changed key the user has not accepted, the text is shown, but never as private.
      const undecided = room.state.phase === 'key-changed' && room.state.session === record.seq;
      ctx.listener.privateMessage(room.id, { id: carrier.id, text: event.text, ts: carrier.ts, keyAccepted: !undecided });
      return;
    }
    case 'secure':
      if (record.status !== 'open') return;
      // Only read here: the machine stores the key once the user's trust in it is settled (first key, accept, verify).
      ctx.trust.list(room.peer.id).then(
        (known) => ctx.dispatch(room, { type: 'secure', session: seq, fingerprint: event.peerFingerprint, known }),
        () => ctx.dispatch(room, { type: 'engineError', session: seq, fatal: true }),
      );
      return;
    case 'ended':
      if (event.byPeer) {
        ctx.dispatch(room, { type: 'peerEnded', session: seq });
      } else {
        // Our own end: the disconnect may still be on its way out, so the record stays 'ending'.
        ctx.engine.closeSession(event.sessionId);
      }
      return;
    case 'smp':
      if (event.event === 'question') ctx.dispatch(room, { type: 'smpQuestion', session: seq, question: event.question });
      else if (event.event === 'result') {
        ctx.dispatch(room, { type: 'smpResult', session: seq, trusted: event.trusted, startedBy: event.startedBy });
      } else ctx.dispatch(room, { type: 'smpAborted', session: seq });
      return;
    case 'error':
      ctx.dispatch(room, { type: 'engineError', session: seq, fatal: event.fatal });
      return;
  }
}

function onIo(ctx: RoomsContext, record: SessionRecord, wire: string, meta: string | null): void {
  const { room } = record;
  const localId = localIdOf(meta);
  if (record.status === 'dropped') {
    // Encrypted with keys the peer has dropped too (refresh) or never had: sending it would only confuse.
    if (localId !== null && room.outgoing.failed(localId)) {
      ctx.listener.outgoingStatus(room.id, localId, 'failed', FAILURE.ended);
    }
    return;
  }
  if (localId !== null) room.outgoing.queued(localId, wire);
  room.outbox.send(wire).then(
    () => {
      if (localId !== null && room.outgoing.confirmed(localId)) ctx.listener.outgoingStatus(room.id, localId, 'sent');
    },
    (error: unknown) => {
      const info = transportError(error);
      if (localId === null) ctx.dispatch(room, { type: 'transportFailed', error: info });
      else if (room.outgoing.failed(localId)) ctx.listener.outgoingStatus(room.id, localId, 'failed', info);
    },
  );
}
