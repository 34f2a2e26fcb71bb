// The messages between the engine facade (main thread) and the OTR worker. Calls go in batches,
// in the order they were made; events and replies come back in batches, in the order they happened.
import type { EngineEvent, EngineSessionOptions, Identity } from '../ports.js';

/** Calls that only affect one session; their outcome arrives as EngineEvents. */
export type SessionCall =
  | { op: 'open'; sessionId: string; options: EngineSessionOptions }
  | { op: 'close'; sessionId: string }
  | { op: 'receive'; sessionId: string; wire: string; meta: string | null }
  | { op: 'send'; sessionId: string; plaintext: string; meta: string | null }
  | { op: 'end'; sessionId: string }
  | { op: 'smpStart'; sessionId: string; secret: string; question?: string }
  | { op: 'smpAnswer'; sessionId: string; secret: string }
  | { op: 'smpAbort'; sessionId: string };

/** Calls that get a reply, matched by id. */
export type IdentityCall =
  | { op: 'generateIdentity'; id: number }
  | { op: 'useIdentity'; id: number; identity: Identity };

export type EngineCall = SessionCall | IdentityCall;

export type Reply =
  | { id: number; ok: true; identity?: Identity }
  | { id: number; ok: false; error: string };

export interface ToWorker {
  calls: EngineCall[];
}

export interface FromWorker {
  events: EngineEvent[];
  replies: Reply[];
}
