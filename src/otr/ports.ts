// The seams of the OTR engine. Three parties meet here:
//  - the crypto engine (src/otr/engine): arlolra `otr` objects living in a worker thread;
//  - the room sessions (src/otr/rooms): the consent flow state machine per DM, driving the engine;
//  - the chat service (src/main/chat): feeds Rocket.Chat DMs in, carries wire text out, shows plaintext.
// Nothing here imports Electron, React or the Rocket.Chat client.
import type { ErrorInfo, Fingerprint, KnownFingerprint, MessageStatus, NoticeCode, OtrRoomView } from '../contract/model.js';

/** One account's long-term identity. `packedKey` is the DSA key from packPrivate(): a secret. */
export interface Identity {
  packedKey: string;
  /** 8 hex digits, persisted so peers keep recognising this instance. */
  instanceTagHex: string;
  fingerprint: Fingerprint;
}

/** Events the engine reports for one session (one fresh arlolra OTR object). */
export type EngineEvent =
  /** Wire text to deliver to the peer, one call per fragment, in order. `meta` is what send() got, or null. */
  | { type: 'io'; sessionId: string; wire: string; meta: string | null }
  /** Decrypted (encrypted=true) or plain text (encrypted=false) from receive(); `meta` is what receive() got. */
  | { type: 'message'; sessionId: string; text: string; encrypted: boolean; meta: string | null }
  /** AKE completed; the peer's long-term key fingerprint. */
  | { type: 'secure'; sessionId: string; peerFingerprint: Fingerprint }
  /** The session ended: byPeer = we received a disconnect (msgstate FINISHED); otherwise we ended it. */
  | { type: 'ended'; sessionId: string; byPeer: boolean }
  | { type: 'smp'; sessionId: string; event: 'question'; question: string | undefined }
  | { type: 'smp'; sessionId: string; event: 'result'; trusted: boolean; startedBy: 'me' | 'peer' }
  | { type: 'smp'; sessionId: string; event: 'aborted' }
  /** A protocol problem, in clear words (never plaintext, never keys). The session stays usable unless fatal. */
  | { type: 'error'; sessionId: string; message: string; fatal: boolean };

export interface EngineSessionOptions {
  /** Payload characters per OTR fragment (0 = never fragment). Chosen under the server's message size limit. */
  fragmentSize: number;
}

/**
 * The crypto engine. All OTR math runs off the main thread; every method returns quickly.
 * A session is always a fresh arlolra OTR object (the library reuses AES-CTR keystream when a session
 * restarts on the same object), so closing and reopening is the only way to start over.
 */
export interface OtrEngine {
  /** Generates a new long-term identity off the main thread. */
  generateIdentity(): Promise<Identity>;
  /** Loads the identity all following sessions use. */
  useIdentity(identity: Identity): Promise<void>;
  openSession(sessionId: string, options: EngineSessionOptions): void;
  closeSession(sessionId: string): void;
  /** Feed wire text (query, AKE, data, fragments, errors) received from the peer, in the order it arrived. */
  receive(sessionId: string, wire: string, meta: string | null): void;
  /** Encrypt and send (or queue until the AKE completes: sessions require encryption). */
  send(sessionId: string, plaintext: string, meta: string | null): void;
  /** Send the OTR disconnect (if encrypted) and end the session locally. */
  end(sessionId: string): void;
  smpStart(sessionId: string, secret: string, question?: string): void;
  smpAnswer(sessionId: string, secret: string): void;
  smpAbort(sessionId: string): void;
  onEvent(listener: (event: EngineEvent) => void): () => void;
  dispose(): Promise<void>;
}

/** Encrypted-at-rest storage for secrets (Electron safeStorage in the app; a key file in the Node host). */
export interface SecretStore {
  read(name: string): Promise<string | null>;
  write(name: string, value: string): Promise<void>;
  remove(name: string): Promise<void>;
  /** False when the platform offers no keyring and secrets are only obfuscated: the UI warns. */
  readonly encrypted: boolean;
}

/** Trusted fingerprints per (server, peer user). */
export interface TrustStore {
  list(peerUserId?: string): Promise<KnownFingerprint[]>;
  /**
   * Stores a fingerprint the user trusts (unverified if new). Called only for a peer's first key once its
   * session is private, or for a changed key the user accepted or verified: never for a key still undecided.
   */
  remember(peerUserId: string, username: string, fingerprint: Fingerprint): Promise<void>;
  setVerified(peerUserId: string, fingerprint: Fingerprint, verified: boolean): Promise<void>;
  forget(peerUserId: string, fingerprint: Fingerprint): Promise<void>;
}

/** How room sessions send wire text: as an ordinary DM message. Resolves with the server's message id. */
export interface OtrTransport {
  sendWire(roomId: string, wire: string): Promise<{ messageId: string }>;
}

export interface PrivateMessage {
  id: string;
  text: string;
  ts: number;
  keyAccepted: boolean;
}

/** What room sessions tell the chat service. */
export interface OtrRoomsListener {
  view(view: OtrRoomView): void;
  /**
   * A decrypted message from the peer. `id` is the id of the wire message that completed it.
   * `keyAccepted` is false while the peer's changed key waits for the user's decision: not private to the user.
   */
  privateMessage(roomId: string, message: PrivateMessage): void;
  /** Progress of one of our own private messages (its local id, as passed to send). */
  outgoingStatus(roomId: string, localId: string, status: MessageStatus, error?: ErrorInfo): void;
  /** `at`: the moment the line is about, when earlier than now (when the peer asked, for a request's end). */
  notice(roomId: string, notice: NoticeCode, at?: number): void;
}

/** A DM message as room sessions see it. */
export interface IncomingDirectMessage {
  id: string;
  text: string;
  ts: number;
  fromMe: boolean;
  /**
   * True for messages arriving now (stream, or gap-filling after a reconnect): they are fed to the engine.
   * False for history loaded when a room is opened: OTR wire text there is only ever shown as a placeholder.
   */
  live: boolean;
}

/** How the chat service should show an incoming message (any room) after the OTR side looked at it. */
export type IncomingVerdict =
  /** Ordinary text, shown as `text` (the message without a libotr whitespace tag). */
  | { kind: 'plain'; text: string }
  /**
   * Plain text that arrived while the DM's private chat was open or being set up: the peer's client (or the
   * server, in the peer's name) sent it outside the encryption. Shown with a loud marker, never as private.
   */
  | { kind: 'unencrypted'; text: string }
  /** OTR traffic (query, AKE, fragment, our own wire echo, control): show nothing. Plaintext, if any, comes via the listener. */
  | { kind: 'hidden' }
  /** Ciphertext we cannot read: show the "encrypted message, not readable" placeholder. */
  | { kind: 'unreadable' }
  /** An OTR error from the other side that is not one of our conventions: shown only as its words, quoted. */
  | { kind: 'peer-error'; text: string };

/** The outcome of asking room sessions to send what the user typed. */
export type SendVerdict =
  /** Not private: the chat service sends it as an ordinary message. */
  | { kind: 'plaintext' }
  /** Private (or handshaking): room sessions own it now and report through outgoingStatus. */
  | { kind: 'private'; status: MessageStatus }
  /** Sending is blocked (peer ended, key changed, request pending without a session...). */
  | { kind: 'blocked'; error: ErrorInfo };
