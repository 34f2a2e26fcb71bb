// Every DM message passes here: plain text is shown, OTR traffic is hidden or shown as "not readable", and
// live traffic from the peer drives the flow. History is never fed to the engine: its keys are long gone.
import type { FlowEvent, PeerWireKind, Transition } from '../flow/types.js';
import type { IncomingDirectMessage, IncomingVerdict } from '../ports.js';
import { incomingMeta, type Room, type RoomsContext } from './room.js';
import { classifyWire, type WireClass } from './wire-kind.js';

const PLAIN: IncomingVerdict = { kind: 'plain' };
const HIDDEN: IncomingVerdict = { kind: 'hidden' };
const UNREADABLE: IncomingVerdict = { kind: 'unreadable' };

/** Encrypted text someone wrote (a data message, or the first fragment of one): worth a placeholder. */
function carriesText(c: WireClass): boolean {
  return (c.kind === 'encoded' && c.carries === 'data') || (c.kind === 'fragment' && c.index === 1 && c.carries === 'data');
}

/** For rooms without a session (not registered, e.g. a channel) and for history. */
export function passiveVerdict(text: string): IncomingVerdict {
  const c = classifyWire(text);
  if (c.kind === 'plain') return PLAIN;
  return carriesText(c) ? UNREADABLE : HIDDEN;
}

export function routeIncoming(ctx: RoomsContext, room: Room, msg: IncomingDirectMessage): IncomingVerdict {
  const c = classifyWire(msg.text);
  if (c.kind === 'plain') return PLAIN;
  if (msg.fromMe) {
    // Live: the echo of wire text we sent (the chat service shows our own plaintext). History: ours, unreadable now.
    return msg.live || !carriesText(c) ? HIDDEN : UNREADABLE;
  }
  if (!msg.live) return carriesText(c) ? UNREADABLE : HIDDEN;
  const now = ctx.now();
  switch (c.kind) {
    case 'query':
      ctx.dispatch(room, { type: 'peerQuery', wire: msg.text, now, sentAt: msg.ts });
      return HIDDEN;
    case 'error':
      ctx.dispatch(room, errorEvent(c.ours, c.detail));
      return HIDDEN;
    case 'encoded':
      room.fragmentKind = null;
      return wireVerdict(ctx.dispatch(room, peerWire(c.carries, msg, false, now)), c);
    case 'fragment': {
      if (c.index === 1) room.fragmentKind = c.carries ?? 'ake';
      const kind = room.fragmentKind ?? 'ake';
      if (c.index === c.total) room.fragmentKind = null;
      return wireVerdict(ctx.dispatch(room, peerWire(kind, msg, c.index !== 1, now)), c);
    }
  }
}

function errorEvent(ours: 'decline' | 'withdraw' | 'unreadable' | null, detail: string): FlowEvent {
  if (ours === 'decline') return { type: 'peerDeclined' };
  if (ours === 'withdraw') return { type: 'peerCancelled' };
  return { type: 'peerError', detail };
}

function peerWire(kind: PeerWireKind, msg: IncomingDirectMessage, continuation: boolean, now: number): FlowEvent {
  return { type: 'peerWire', kind, wire: msg.text, meta: incomingMeta(msg.id, msg.ts), continuation, now };
}

/** Fed to the engine: hidden (any plaintext arrives through the listener). Not fed: a placeholder if it was text. */
function wireVerdict(t: Transition, c: WireClass): IncomingVerdict {
  if (t.effects.some((e) => e.type === 'feed')) return HIDDEN;
  return carriesText(c) ? UNREADABLE : HIDDEN;
}
