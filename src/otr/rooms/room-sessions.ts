// The OTR sessions of one account, one per DM: each room runs the consent flow machine (src/otr/flow) and
// this class performs its effects against the engine, the transport, the trust store and the listener.
// Every method returns promptly; engine work and delivery happen behind it. Plaintext is never logged.
import type { Fingerprints, Result } from '../../contract/calls.js';
import type { ErrorCode, Fingerprint, OtrRoomView } from '../../contract/model.js';
import { initialState, transition } from '../flow/machine.js';
import type { FlowEvent, Transition } from '../flow/types.js';
import { currentFingerprint, deadline, sendDecision, toView } from '../flow/view.js';
import type { IncomingDirectMessage, IncomingVerdict, OtrEngine, OtrRoomsListener, OtrTransport, SendVerdict, TrustStore } from '../ports.js';
import { perform } from './effects.js';
import { onEngineEvent } from './engine-events.js';
import { passiveVerdict, routeIncoming } from './incoming.js';
import { ConnectionGate, RoomOutbox } from './outbox.js';
import { OutgoingTracker } from './outgoing.js';
import { guardedListener, type Peer, type Room, type RoomsContext, type SessionRecord } from './room.js';

export interface RoomSessionsOptions {
  /** How long a request waits for the peer's answer, and a handshake for its end (default 60 s). */
  requestTimeoutMs?: number;
  /** Payload characters per OTR fragment, under the server's message size limit (0 = never fragment). */
  fragmentSize: number;
  /** Injectable clock and timers, for tests. */
  now?: () => number;
  setTimer?: (callback: () => void, delayMs: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

export interface RoomSessionsDeps {
  engine: OtrEngine;
  transport: OtrTransport;
  trust: TrustStore;
  listener: OtrRoomsListener;
  me: Peer;
  /** Our own identity's fingerprint, shown next to the peer's; null before a key exists. */
  ownFingerprint: Fingerprint | null;
  /**
   * Set when the account's identity key cannot be used (damaged, sealed with another key): no session can start.
   * Plain DM text still passes, OTR text shows as placeholders, and every request answers with this code.
   */
  unusable?: ErrorCode;
  options: RoomSessionsOptions;
}

export const DEFAULT_REQUEST_TIMEOUT_MS = 60_000;

type Intent = Exclude<FlowEvent, { type: 'send' }>;

const ok = (value: OtrRoomView): Result<OtrRoomView> => ({ ok: true, value });
const err = <T>(code: ErrorCode, detail?: string): Result<T> => ({ ok: false, error: detail === undefined ? { code } : { code, detail } });

export class RoomSessions {
  private readonly rooms = new Map<string, Room>();
  private readonly ctx: RoomsContext;
  private readonly gate = new ConnectionGate();
  private timeoutMs: number;
  private readonly setTimer: (callback: () => void, delayMs: number) => unknown;
  private readonly clearTimer: (handle: unknown) => void;
  private readonly unsubscribe: () => void;
  /** Session ids are unique across restarts of this object too: a fresh engine session every time. */
  private readonly idPrefix = globalThis.crypto.randomUUID();
  private disposed = false;

  constructor(private readonly deps: RoomSessionsDeps) {
    const { options } = deps;
    this.timeoutMs = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
    this.setTimer = options.setTimer ?? ((callback, delayMs) => setTimeout(callback, delayMs));
    this.clearTimer = options.clearTimer ?? ((handle) => clearTimeout(handle as ReturnType<typeof setTimeout>));
    const now = options.now ?? Date.now;
    this.ctx = {
      engine: deps.engine,
      transport: deps.transport,
      trust: deps.trust,
      listener: guardedListener(deps.listener, () => this.disposed),
      me: deps.me,
      fragmentSize: options.fragmentSize,
      gate: this.gate,
      sessions: new Map<string, SessionRecord>(),
      now,
      sessionId: (room, seq) => `${this.idPrefix}/${room.id}/${seq}`,
      dispatch: (room, event) => this.dispatch(room, event),
    };
    this.unsubscribe = deps.engine.onEvent((event) => {
      if (!this.disposed) onEngineEvent(this.ctx, event);
    });
  }

  /** Makes a DM eligible for OTR. Calling it again for the same room and peer is harmless. */
  registerRoom(input: { roomId: string; peer: Peer }): Result<OtrRoomView> {
    const { roomId, peer } = input;
    const existing = this.rooms.get(roomId);
    if (existing !== undefined) {
      return existing.peer.id === peer.id ? ok(this.view(roomId)) : err('otr-not-direct', 'This room belongs to another peer.');
    }
    if (peer.id === this.deps.me.id) return err('otr-not-direct', 'A private conversation needs another person.');
    const room: Room = {
      id: roomId,
      peer,
      state: initialState({ leader: this.deps.me.id < peer.id, timeoutMs: this.timeoutMs }),
      timer: null,
      outbox: new RoomOutbox(roomId, this.deps.transport, this.gate),
      outgoing: new OutgoingTracker(),
      fragmentKind: null,
      lastView: '',
    };
    room.lastView = JSON.stringify(toView(roomId, room.state));
    this.rooms.set(roomId, room);
    return ok(this.view(roomId));
  }

  incoming(roomId: string, msg: IncomingDirectMessage): IncomingVerdict {
    const room = this.rooms.get(roomId);
    if (room === undefined || this.disposed || this.deps.unusable !== undefined) return passiveVerdict(msg.text, msg.fromMe);
    return routeIncoming(this.ctx, room, msg);
  }

  send(roomId: string, localId: string, text: string): SendVerdict {
    const room = this.rooms.get(roomId);
    if (room === undefined) return { kind: 'plaintext' };
    if (this.disposed) return { kind: 'blocked', error: { code: 'not-signed-in' } };
    const decision = sendDecision(room.state);
    switch (decision.kind) {
      case 'plaintext':
      case 'blocked':
        return decision;
      case 'encrypt':
      case 'queue':
        this.dispatch(room, { type: 'send', message: { localId, text } });
        return { kind: 'private', status: decision.kind === 'encrypt' ? 'pending' : 'queued' };
    }
  }

  start(roomId: string): Result<OtrRoomView> {
    return this.online(roomId, () => this.intent(roomId, { type: 'start', now: this.ctx.now() }, 'otr-busy'));
  }

  retry(roomId: string): Result<OtrRoomView> {
    return this.online(roomId, () => this.intent(roomId, { type: 'retry', now: this.ctx.now() }, 'otr-busy'));
  }

  accept(roomId: string): Result<OtrRoomView> {
    return this.online(roomId, () => this.intent(roomId, { type: 'accept', now: this.ctx.now() }, 'otr-no-session'));
  }

  refresh(roomId: string): Result<OtrRoomView> {
    return this.online(roomId, () => this.intent(roomId, { type: 'refresh', now: this.ctx.now() }, 'otr-no-session'));
  }

  decline(roomId: string): Result<OtrRoomView> {
    return this.intent(roomId, { type: 'decline', now: this.ctx.now() }, 'otr-no-session');
  }

  /** Nothing to cancel, end, confirm or dismiss is not an error: the user's goal already holds. */
  cancel(roomId: string): Result<OtrRoomView> {
    return this.intent(roomId, { type: 'cancel' }, null);
  }

  end(roomId: string): Result<OtrRoomView> {
    return this.intent(roomId, { type: 'end' }, null);
  }

  confirmEnded(roomId: string): Result<OtrRoomView> {
    return this.intent(roomId, { type: 'confirmEnded' }, null);
  }

  dismiss(roomId: string): Result<OtrRoomView> {
    return this.intent(roomId, { type: 'dismiss' }, null);
  }

  verify(roomId: string, fingerprint: Fingerprint): Result<OtrRoomView> {
    return this.bound(roomId, fingerprint, { type: 'verify', fingerprint });
  }

  unverify(roomId: string, fingerprint: Fingerprint): Result<OtrRoomView> {
    return this.bound(roomId, fingerprint, { type: 'unverify', fingerprint });
  }

  acceptNewKey(roomId: string, fingerprint: Fingerprint): Result<OtrRoomView> {
    const room = this.rooms.get(roomId);
    if (room !== undefined && room.state.phase !== 'key-changed') return err('invalid-request', 'No changed key is waiting.');
    return this.bound(roomId, fingerprint, { type: 'acceptNewKey', fingerprint });
  }

  smpStart(roomId: string, input: { secret: string; question?: string }): Result<OtrRoomView> {
    const event: Intent = { type: 'smpStart', secret: input.secret, ...(input.question === undefined ? {} : { question: input.question }) };
    return this.intent(roomId, event, this.secureRoom(roomId) ? 'otr-busy' : 'otr-no-session');
  }

  smpAnswer(roomId: string, secret: string): Result<OtrRoomView> {
    return this.intent(roomId, { type: 'smpAnswer', secret }, this.secureRoom(roomId) ? 'invalid-request' : 'otr-no-session');
  }

  smpAbort(roomId: string): Result<OtrRoomView> {
    return this.intent(roomId, { type: 'smpAbort' }, null);
  }

  view(roomId: string): OtrRoomView {
    const room = this.rooms.get(roomId);
    return room === undefined ? { roomId, phase: 'idle', queued: 0 } : toView(roomId, room.state);
  }

  async fingerprints(roomId: string): Promise<Result<Fingerprints>> {
    const room = this.rooms.get(roomId);
    if (room === undefined) return err('otr-not-direct');
    const known = await this.deps.trust.list(room.peer.id);
    const peer = currentFingerprint(room.state);
    const verified = room.state.phase === 'private' && room.state.verified;
    const own = this.deps.ownFingerprint;
    return { ok: true, value: { ...(own === null ? {} : { own }), ...(peer === null ? {} : { peer }), verified, known } };
  }

  /**
   * The user changed how long a request may wait. Applies to the next request or handshake in every room;
   * a countdown already running keeps its deadline.
   */
  setRequestTimeout(timeoutMs: number): void {
    this.timeoutMs = timeoutMs;
    for (const room of this.rooms.values()) {
      room.state = { ...room.state, config: { ...room.state.config, timeoutMs } };
    }
  }

  /** The server took the DM away (left or deleted): a session in flight ends, and the user is told it was lost. */
  roomRemoved(roomId: string): void {
    const room = this.rooms.get(roomId);
    if (room !== undefined && !this.disposed) this.dispatch(room, { type: 'roomRemoved' });
  }

  /**
   * The connection dropped. Sessions stay: the server delivers what we missed once we are back, and the
   * engine reads it in order. Wire text waits in each room's outbox; countdowns keep running.
   */
  connectionLost(): void {
    this.gate.setOpen(false);
  }

  connectionRestored(): void {
    this.gate.setOpen(true);
  }

  /** Stops everything quietly: timers, engine sessions, waiting wire text. No disconnect is sent. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.unsubscribe();
    this.gate.shut(new Error('OTR room sessions were disposed'));
    for (const room of this.rooms.values()) {
      if (room.timer !== null) this.clearTimer(room.timer.handle);
      room.timer = null;
    }
    for (const [id, record] of this.ctx.sessions) {
      if (record.status === 'open') this.deps.engine.closeSession(id);
    }
    this.ctx.sessions.clear();
  }

  private dispatch(room: Room, event: FlowEvent): Transition {
    const t = transition(room.state, event);
    if (!t.handled || this.disposed) return t;
    room.state = t.state;
    for (const effect of t.effects) perform(this.ctx, room, effect);
    this.syncTimer(room);
    const view = toView(room.id, room.state);
    const json = JSON.stringify(view);
    if (json !== room.lastView) {
      room.lastView = json;
      this.ctx.listener.view(view);
    }
    return t;
  }

  /** One timer per room, at the state's deadline; the machine ignores a timer that fires early. */
  private syncTimer(room: Room): void {
    const at = deadline(room.state);
    if (room.timer?.at === at) return;
    if (room.timer !== null) this.clearTimer(room.timer.handle);
    room.timer = null;
    if (at === null) return;
    const handle = this.setTimer(
      () => {
        if (room.timer?.handle !== handle) return;
        room.timer = null;
        this.dispatch(room, { type: 'timer', now: this.ctx.now() });
      },
      Math.max(0, at - this.ctx.now()),
    );
    room.timer = { at, handle };
  }

  /** Runs an intent; `refusal` is the error when it means nothing now (null: report the view as it is). */
  private intent(roomId: string, event: Intent, refusal: ErrorCode | null): Result<OtrRoomView> {
    const room = this.rooms.get(roomId);
    if (room === undefined) return err('otr-not-direct');
    if (this.disposed) return err('not-signed-in');
    if (this.deps.unusable !== undefined) return refusal === null ? ok(this.view(roomId)) : err(this.deps.unusable);
    const t = this.dispatch(room, event);
    if (!t.handled && refusal !== null) return err(refusal);
    return ok(toView(roomId, room.state));
  }

  /** Verification acts on the exact fingerprint the user was shown, never on whatever is current now. */
  private bound(roomId: string, fingerprint: Fingerprint, event: Intent): Result<OtrRoomView> {
    const room = this.rooms.get(roomId);
    if (room === undefined) return err('otr-not-direct');
    const current = currentFingerprint(room.state);
    if (current === null) return err('otr-no-session');
    if (current !== fingerprint) return err('fingerprint-mismatch');
    return this.intent(roomId, event, null);
  }

  private secureRoom(roomId: string): boolean {
    const room = this.rooms.get(roomId);
    return room !== undefined && currentFingerprint(room.state) !== null;
  }

  /** Requests need the other side to hear them: refused while the connection is down. */
  private online(roomId: string, run: () => Result<OtrRoomView>): Result<OtrRoomView> {
    if (!this.rooms.has(roomId)) return err('otr-not-direct');
    if (this.deps.unusable !== undefined) return err(this.deps.unusable);
    return this.gate.isOpen ? run() : err('disconnected', 'Not connected: the request cannot reach the other side.');
  }
}
