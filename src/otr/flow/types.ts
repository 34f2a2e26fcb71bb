// The vocabulary of the per-room OTR consent flow: its state, the events that move it and the effects it asks for.
// The machine (machine.ts) is a pure function over these; room sessions (src/otr/rooms) perform the effects.
import type { ErrorInfo, Fingerprint, KnownFingerprint, NoticeCode, SmpView } from '../../contract/model.js';
import type { Asks } from './asks.js';

/** A message the user typed before the session was private: it waits, in memory only, to go out encrypted. */
export interface QueuedMessage {
  localId: string;
  text: string;
}

/** Settings fixed for one room when it is registered. */
export interface FlowConfig {
  /** True when our user id sorts before the peer's: on crossing requests we answer the peer's query. */
  leader: boolean;
  /** How long a request (and a handshake) may take before it times out. */
  timeoutMs: number;
}

interface Common {
  readonly config: FlowConfig;
  /** Engine sessions are numbered; the next one opened gets this number. Never reused within a room. */
  readonly nextSeq: number;
  readonly queue: readonly QueuedMessage[];
  /** How freely the peer's requests open the dialog (asks.ts). Absent: no limit in force (consent resets it). */
  readonly asks?: Asks;
}

/** One engine session (a fresh OTR object), by its number in this room. */
export type SessionSeq = number;

export type FlowState = Common &
  (
    | { readonly phase: 'idle' }
    /** We sent a query and wait for the peer's D-H Commit. `refresh`: an open session was replaced. */
    | { readonly phase: 'requesting'; readonly expiresAt: number; readonly refresh: boolean }
    /** The peer's query waits for our user's Yes/No; it is fed to the engine only on Yes. */
    /** `askedAt`: when the peer asked (its countdown's start), for the line left if the request ends without a Yes. */
    | { readonly phase: 'incoming'; readonly expiresAt: number; readonly askedAt: number; readonly query: string }
    | { readonly phase: 'handshaking'; readonly session: SessionSeq; readonly expiresAt: number; readonly refresh: boolean }
    | {
        readonly phase: 'private';
        readonly session: SessionSeq;
        readonly fingerprint: Fingerprint;
        readonly verified: boolean;
        readonly smp: SmpView;
      }
    | {
        readonly phase: 'key-changed';
        readonly session: SessionSeq;
        readonly fingerprint: Fingerprint;
        readonly previous: Fingerprint;
        readonly smp: SmpView;
      }
    | { readonly phase: 'ended-by-peer' }
    | { readonly phase: 'declined' }
    | { readonly phase: 'timed-out' }
    | { readonly phase: 'error'; readonly error: ErrorInfo }
  );

export type FlowPhase = FlowState['phase'];
export type StateOf<P extends FlowPhase> = Extract<FlowState, { phase: P }>;

/** What a received OTR message is, as far as the flow cares. Fragments carry the kind of their first piece. */
export type PeerWireKind = 'dh-commit' | 'ake' | 'data';

export type FlowEvent =
  // What the user asks for.
  | { type: 'start'; now: number }
  | { type: 'retry'; now: number }
  | { type: 'cancel' }
  | { type: 'accept'; now: number }
  | { type: 'decline'; now: number }
  | { type: 'end' }
  | { type: 'confirmEnded' }
  | { type: 'dismiss' }
  | { type: 'refresh'; now: number }
  /** Only dispatched when sendDecision() said 'encrypt' or 'queue'. */
  | { type: 'send'; message: QueuedMessage }
  | { type: 'verify'; fingerprint: Fingerprint }
  | { type: 'unverify'; fingerprint: Fingerprint }
  | { type: 'acceptNewKey'; fingerprint: Fingerprint }
  | { type: 'smpStart'; secret: string; question?: string }
  | { type: 'smpAnswer'; secret: string }
  | { type: 'smpAbort' }
  // What arrived from the peer (live messages only; history never reaches the machine).
  /** `sentAt`: the server time of the query message. */
  | { type: 'peerQuery'; wire: string; now: number; sentAt: number }
  | { type: 'peerDeclined' }
  | { type: 'peerCancelled'; now: number }
  /**
   * An OTR error that says the peer cannot read us: our "unreadable" text, or a libotr/arlolra text with that
   * meaning. Other error texts are only shown (quoted), never dispatched: anyone posting as the peer can send them.
   */
  | { type: 'peerError' }
  /** The server took the DM away from us (we left, or it was deleted): nothing more can be sent or received. */
  | { type: 'roomRemoved' }
  /** AKE, data or fragment text. `continuation`: a fragment after the first of its message. */
  | { type: 'peerWire'; kind: PeerWireKind; wire: string; meta: string | null; continuation: boolean; now: number }
  // What the engine reported for a session.
  /** `known`: the peer's fingerprints the trust store holds (keys the user trusted). */
  | { type: 'secure'; session: SessionSeq; fingerprint: Fingerprint; known: readonly KnownFingerprint[] }
  | { type: 'peerEnded'; session: SessionSeq }
  | { type: 'engineError'; session: SessionSeq; fatal: boolean }
  | { type: 'smpQuestion'; session: SessionSeq; question: string | undefined }
  | { type: 'smpResult'; session: SessionSeq; trusted: boolean; startedBy: 'me' | 'peer' }
  | { type: 'smpAborted'; session: SessionSeq }
  // Time and transport.
  | { type: 'timer'; now: number }
  /** Our query or a handshake message could not be delivered. */
  | { type: 'transportFailed'; error: ErrorInfo };

export type FlowEventType = FlowEvent['type'];
export type EventOf<T extends FlowEventType> = Extract<FlowEvent, { type: T }>;

/** Our own in-flight private messages, as the room sessions track them. */
export type OutgoingScope =
  /** Handed to the engine but not yet confirmed by the transport. */
  | 'pending'
  /** Pending, plus sent since the peer's last decrypted message: the peer may not have read them. */
  | 'unconfirmed';

export type FlowEffect =
  /** Send our query (with its human line) as a DM. */
  | { type: 'sendQuery' }
  | { type: 'sendDecline' }
  | { type: 'sendWithdraw' }
  /** Tell the peer we received encrypted data with no session to read it (it restarted, or we did). */
  | { type: 'sendUnreadable' }
  | { type: 'openSession'; session: SessionSeq }
  | { type: 'feed'; session: SessionSeq; wire: string; meta: string | null }
  /** Drop a session without telling the peer. */
  | { type: 'closeSession'; session: SessionSeq }
  /** Send the OTR disconnect, then drop the session. */
  | { type: 'endSession'; session: SessionSeq }
  /** Encrypt and send one message; `queued` when it waited in the queue. */
  | { type: 'encrypt'; session: SessionSeq; message: QueuedMessage; queued: boolean }
  /** Queued messages that will never go out. */
  | { type: 'failQueued'; localIds: readonly string[]; error: ErrorInfo }
  | { type: 'failOutgoing'; scope: OutgoingScope; error: ErrorInfo }
  /** `at`: the moment the line is about when that is earlier than now (when the peer asked, for a request's end). */
  | { type: 'notice'; code: NoticeCode; at?: number }
  | { type: 'smpStart'; session: SessionSeq; secret: string; question?: string }
  | { type: 'smpAnswer'; session: SessionSeq; secret: string }
  | { type: 'smpAbort'; session: SessionSeq }
  /**
   * Store the peer's key as trusted: its first key once private, a changed key once accepted or verified.
   * A changed key nobody decided on is never stored, so the warning returns after a restart.
   */
  | { type: 'trustRemember'; fingerprint: Fingerprint }
  | { type: 'trustVerified'; fingerprint: Fingerprint; verified: boolean };

export interface Transition {
  state: FlowState;
  effects: FlowEffect[];
  /** False when the event means nothing in this state: `state` is then the very same object, effects empty. */
  handled: boolean;
}
