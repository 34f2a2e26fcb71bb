// The records room sessions keep, and the narrow surface the effect and event handlers work through.
import { ErrorCode, type ErrorInfo } from '../../contract/model.js';
import type { FlowEvent, FlowState, PeerWireKind, SessionSeq, Transition } from '../flow/types.js';
import type { OtrEngine, OtrRoomsListener, OtrTransport, TrustStore } from '../ports.js';
import type { ConnectionGate, RoomOutbox } from './outbox.js';
import type { OutgoingTracker } from './outgoing.js';

export interface Peer {
  id: string;
  username: string;
}

export interface Room {
  readonly id: string;
  readonly peer: Peer;
  state: FlowState;
  timer: { at: number; handle: unknown } | null;
  readonly outbox: RoomOutbox;
  readonly outgoing: OutgoingTracker;
  /** What the fragment series under way carries (known from its first fragment). */
  fragmentKind: PeerWireKind | null;
  /** The last view reported, to report only changes. */
  lastView: string;
}

/**
 * open: in use. ending: we sent (or are sending) the OTR disconnect: its wire text must still go out.
 * dropped: abandoned without a disconnect: wire text it still emits is discarded.
 */
export type SessionStatus = 'open' | 'ending' | 'dropped';

export interface SessionRecord {
  readonly room: Room;
  readonly seq: SessionSeq;
  status: SessionStatus;
}

export interface RoomsContext {
  readonly engine: OtrEngine;
  readonly transport: OtrTransport;
  readonly trust: TrustStore;
  /** Guarded: silent after dispose(). */
  readonly listener: OtrRoomsListener;
  readonly me: Peer;
  readonly fragmentSize: number;
  readonly gate: ConnectionGate;
  readonly sessions: Map<string, SessionRecord>;
  now(): number;
  sessionId(room: Room, seq: SessionSeq): string;
  dispatch(room: Room, event: FlowEvent): Transition;
}

/** Meta we hand to engine.send (and get back on `io`): which local message a wire text belongs to. */
export function outgoingMeta(localId: string): string {
  return JSON.stringify({ localId });
}

/** Meta we hand to engine.receive (and get back on `message`): the Rocket.Chat message that carried it. */
export function incomingMeta(id: string, ts: number): string {
  return JSON.stringify({ id, ts });
}

function parse(meta: string | null): Record<string, unknown> | null {
  if (meta === null) return null;
  try {
    const value: unknown = JSON.parse(meta);
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

export function localIdOf(meta: string | null): string | null {
  const value = parse(meta)?.localId;
  return typeof value === 'string' ? value : null;
}

export function carrierOf(meta: string | null): { id: string; ts: number } | null {
  const value = parse(meta);
  return typeof value?.id === 'string' && typeof value.ts === 'number' ? { id: value.id, ts: value.ts } : null;
}

/** Transport rejections become an ErrorInfo; an ErrorInfo-shaped rejection keeps its code. */
export function transportError(error: unknown): ErrorInfo {
  if (typeof error === 'object' && error !== null && 'code' in error) {
    const code = ErrorCode.safeParse(error.code);
    if (code.success) {
      const detail = 'detail' in error && typeof error.detail === 'string' ? { detail: error.detail.slice(0, 500) } : {};
      return { code: code.data, ...detail };
    }
  }
  return { code: 'disconnected', detail: 'The message could not be delivered to the server.' };
}

/** The listener, silenced once `stopped()` says so (after dispose, late engine replies report nothing). */
export function guardedListener(listener: OtrRoomsListener, stopped: () => boolean): OtrRoomsListener {
  return {
    view: (view) => {
      if (!stopped()) listener.view(view);
    },
    privateMessage: (roomId, message) => {
      if (!stopped()) listener.privateMessage(roomId, message);
    },
    outgoingStatus: (roomId, localId, status, error) => {
      if (!stopped()) listener.outgoingStatus(roomId, localId, status, error);
    },
    notice: (roomId, notice, at) => {
      if (!stopped()) listener.notice(roomId, notice, at);
    },
  };
}
