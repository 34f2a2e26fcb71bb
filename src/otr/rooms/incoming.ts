// Every incoming message passes here: plain text is shown (without libotr's whitespace tag), OTR traffic is
// hidden or shown as "not readable", the peer's own OTR error words are shown quoted, and live traffic from the
// peer drives the flow. History is never fed to the engine: its keys are long gone.
import { meansPeerCannotRead } from '../flow/conventions.js';
import type { FlowEvent, FlowPhase, PeerWireKind, Transition } from '../flow/types.js';
import type { IncomingDirectMessage, IncomingVerdict } from '../ports.js';
import { stripWhitespaceTag } from '../wire.js';
import { incomingMeta, type Room, type RoomsContext } from './room.js';
import { classifyWire, type WireClass } from './wire-kind.js';

const HIDDEN: IncomingVerdict = { kind: 'hidden' };
const UNREADABLE: IncomingVerdict = { kind: 'unreadable' };

/** Phases in which the peer's words should arrive encrypted: plain text then gets the loud marker. */
const EXPECTS_ENCRYPTION: ReadonlySet<FlowPhase> = new Set(['handshaking', 'private', 'key-changed']);

/** Encrypted text someone wrote (a data message, or the first fragment of one): worth a placeholder. */
function carriesText(c: WireClass): boolean {
  return (c.kind === 'encoded' && c.carries === 'data') || (c.kind === 'fragment' && c.index === 1 && c.carries === 'data');
}

/** A foreign OTR error is shown as the sender's words; ours (decline, withdraw, unreadable) are conventions. */
function errorVerdict(c: Extract<WireClass, { kind: 'error' }>): IncomingVerdict {
  return c.ours === null && c.detail !== '' ? { kind: 'peer-error', text: c.detail } : HIDDEN;
}

/**
 * For every room without a consent flow (channels, groups, rooms not listed yet) and for DM history: the same
 * classification as live DM traffic, without driving anything. `fromMe`: our own OTR errors are never shown.
 */
export function passiveVerdict(text: string, fromMe = false): IncomingVerdict {
  const c = classifyWire(text);
  if (c.kind === 'plain') return { kind: 'plain', text: stripWhitespaceTag(text) };
  if (c.kind === 'error') return fromMe ? HIDDEN : errorVerdict(c);
  return carriesText(c) ? UNREADABLE : HIDDEN;
}

export function routeIncoming(ctx: RoomsContext, room: Room, msg: IncomingDirectMessage): IncomingVerdict {
  const c = classifyWire(msg.text);
  if (c.kind === 'plain') {
    const text = stripWhitespaceTag(msg.text);
    return msg.live && EXPECTS_ENCRYPTION.has(room.state.phase) ? { kind: 'unencrypted', text } : { kind: 'plain', text };
  }
  if (msg.fromMe) {
    // Live: the echo of wire text we sent (the chat service shows our own plaintext). History: ours, unreadable now.
    return msg.live || !carriesText(c) ? HIDDEN : UNREADABLE;
  }
  if (!msg.live) return passiveVerdict(msg.text);
  const now = ctx.now();
  switch (c.kind) {
    case 'query':
      ctx.dispatch(room, { type: 'peerQuery', wire: msg.text, now, sentAt: msg.ts });
      return HIDDEN;
    case 'error': {
      const event = errorEvent(c, now);
      if (event !== null) ctx.dispatch(room, event);
      return errorVerdict(c);
    }
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

/**
 * What an OTR error means to the flow. Nothing authenticates it (the server can post it in the peer's name), so
 * only our own conventions and texts whose meaning is known act; any other text is only shown.
 */
function errorEvent(c: Extract<WireClass, { kind: 'error' }>, now: number): FlowEvent | null {
  if (c.ours === 'decline') return { type: 'peerDeclined' };
  if (c.ours === 'withdraw') return { type: 'peerCancelled', now };
  if (c.ours === 'unreadable' || meansPeerCannotRead(c.detail)) return { type: 'peerError' };
  return null;
}

function peerWire(kind: PeerWireKind, msg: IncomingDirectMessage, continuation: boolean, now: number): FlowEvent {
  return { type: 'peerWire', kind, wire: msg.text, meta: incomingMeta(msg.id, msg.ts), continuation, now };
}

/** Fed to the engine: hidden (any plaintext arrives through the listener). Not fed: a placeholder if it was text. */
function wireVerdict(t: Transition, c: WireClass): IncomingVerdict {
  if (t.effects.some((e) => e.type === 'feed')) return HIDDEN;
  return carriesText(c) ? UNREADABLE : HIDDEN;
}
