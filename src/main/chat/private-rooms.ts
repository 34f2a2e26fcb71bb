// One private session per DM, in one of two protocols: OTR v3 (RoomSessions) or Rocket.Chat's own OTR
// (NativeSessions, servers < 8.0 only). Which one is decided by chooseProtocol(); the chat service talks to this
// class exactly as it talked to RoomSessions, and the view it gets names the protocol.
import type { Fingerprints, Result } from '../../contract/calls.js';
import type { ErrorCode, Fingerprint, OtrRoomView } from '../../contract/model.js';
import type { NativeEvent } from '../../otr/native/machine.js';
import { NativeSessions } from '../../otr/native/native-sessions.js';
import { chooseProtocol, type PeerKind } from '../../otr/native/protocol-choice.js';
import type { IncomingDirectMessage, IncomingVerdict, OtrRoomsListener, SendVerdict } from '../../otr/ports.js';
import type { Peer } from '../../otr/rooms/room.js';
import type { RoomSessions } from '../../otr/rooms/room-sessions.js';
import type { NativeOtrChannel } from '../rocketchat/native-otr.js';

export interface PrivateRoomsDeps {
  me: Peer;
  channel: NativeOtrChannel;
  /** Settings → "Rocket.Chat OTR with official apps", read at each decision. */
  nativeAllowed: () => boolean;
  listener: OtrRoomsListener;
  now?: () => number;
}

/** How long, after OTR Desk on the other side said Yes natively, its OTR v3 request may take to arrive. */
const HANDOVER_MS = 30_000;

const err = <T>(code: ErrorCode): Result<T> => ({ ok: false, error: { code } });

export class PrivateRooms {
  readonly native: NativeSessions;
  private v3!: RoomSessions;
  /** Who each DM's peer turned out to be, from its last native signal. */
  private readonly peers = new Map<string, PeerKind>();
  /**
   * Rooms where our marked request was answered by OTR Desk, and until when: its OTR v3 request, arriving right
   * after, is already agreed to. Only then: a later request from that peer asks the user again.
   */
  private readonly agreed = new Map<string, number>();
  private online = true;
  private readonly handoverTimers = new Set<ReturnType<typeof setTimeout>>();
  private readonly offs: (() => void)[] = [];

  constructor(private readonly deps: PrivateRoomsDeps) {
    this.native = new NativeSessions({
      me: deps.me,
      transport: deps.channel,
      now: deps.now,
      listener: {
        view: (view) => deps.listener.view(view.phase === 'idle' ? this.v3View(view.roomId) : view),
        // No identity keys in Rocket.Chat OTR, so no changed key to decide on: the session itself was agreed to.
        privateMessage: (roomId, m) => deps.listener.privateMessage(roomId, { ...m, keyAccepted: true }),
        outgoingStatus: (roomId, id, status, error) => deps.listener.outgoingStatus(roomId, id, status, error),
        notice: (roomId, notice) => deps.listener.notice(roomId, notice),
        handOver: (roomId, role) => this.handOver(roomId, role),
      },
    });
    this.offs.push(
      deps.channel.onSignal((args) => this.onSignal(args)),
      deps.channel.onMessage((message) => void this.native.incoming(message)),
    );
  }

  /** The OTR v3 sessions, made once the identity key exists. */
  attach(v3: RoomSessions): void {
    this.v3 = v3;
  }

  /** The listener RoomSessions reports to: its views pass only while no native session holds the room. */
  v3Listener(): OtrRoomsListener {
    const { listener } = this.deps;
    return {
      ...listener,
      view: (view) => {
        const agreedUntil = this.agreed.get(view.roomId);
        if (view.phase === 'incoming' && agreedUntil !== undefined) {
          this.agreed.delete(view.roomId);
          if (this.now() < agreedUntil) {
            // Our user already said yes to this peer (the native request): answer its OTR v3 request at once.
            queueMicrotask(() => this.v3.accept(view.roomId));
            return;
          }
        }
        if (!this.native.active(view.roomId)) listener.view(view);
      },
    };
  }

  registerRoom(input: { roomId: string; peer: Peer }): Result<OtrRoomView> {
    const result = this.v3.registerRoom(input);
    if (result.ok) this.native.registerRoom(input.roomId, input.peer.id);
    return result.ok ? { ok: true, value: this.view(input.roomId) } : result;
  }

  incoming(roomId: string, msg: IncomingDirectMessage): IncomingVerdict {
    const verdict = this.v3.incoming(roomId, msg);
    // Plain text from the peer while a Rocket.Chat OTR chat is open or being set up went outside the encryption
    // (their app sends plain text until it is established): marked as such, like under OTR v3.
    const phase = this.native.view(roomId).phase;
    const nativeOpen = phase === 'private' || phase === 'requesting' || phase === 'incoming';
    return verdict.kind === 'plain' && nativeOpen && !msg.fromMe && msg.live ? { kind: 'unencrypted', text: verdict.text } : verdict;
  }

  send(roomId: string, localId: string, text: string): SendVerdict {
    if (!this.native.active(roomId)) return this.v3.send(roomId, localId, text);
    const phase = this.native.view(roomId).phase;
    if (phase === 'ended-by-peer' || phase === 'error') {
      return { kind: 'blocked', error: { code: 'otr-blocked', detail: 'The private conversation is over: confirm or dismiss first.' } };
    }
    if (!this.native.dispatch(roomId, { type: 'send', message: { localId, text } })) return { kind: 'plaintext' };
    return { kind: 'private', status: phase === 'private' ? 'pending' : 'queued' };
  }

  start(roomId: string): Result<OtrRoomView> {
    const phase = this.native.view(roomId).phase;
    if (phase === 'incoming') return this.nativeIntent(roomId, { type: 'accept', now: this.now() }, 'otr-no-session');
    if (this.native.active(roomId) || this.v3.view(roomId).phase !== 'idle') {
      return this.native.active(roomId) ? this.nativeIntent(roomId, { type: 'start', now: this.now() }, 'otr-busy') : this.v3.start(roomId);
    }
    const choice = chooseProtocol({ server: this.deps.channel.support(), userSetting: this.deps.nativeAllowed(), peer: this.peers.get(roomId) ?? 'unknown' });
    if (choice !== 'rocketchat') return this.v3.start(roomId);
    if (!this.online) return { ok: false, error: { code: 'disconnected', detail: 'Not connected: the request cannot reach the other side.' } };
    return this.nativeIntent(roomId, { type: 'start', now: this.now() }, 'otr-busy');
  }

  retry(roomId: string): Result<OtrRoomView> {
    return this.native.active(roomId) ? this.start(roomId) : this.v3.retry(roomId);
  }

  accept(roomId: string): Result<OtrRoomView> {
    return this.native.active(roomId) ? this.nativeIntent(roomId, { type: 'accept', now: this.now() }, 'otr-no-session') : this.v3.accept(roomId);
  }

  refresh(roomId: string): Result<OtrRoomView> {
    return this.native.active(roomId) ? this.nativeIntent(roomId, { type: 'refresh', now: this.now() }, 'otr-no-session') : this.v3.refresh(roomId);
  }

  decline(roomId: string): Result<OtrRoomView> {
    return this.native.active(roomId) ? this.nativeIntent(roomId, { type: 'decline' }, 'otr-no-session') : this.v3.decline(roomId);
  }

  cancel(roomId: string): Result<OtrRoomView> {
    return this.native.active(roomId) ? this.nativeIntent(roomId, { type: 'cancel' }, null) : this.v3.cancel(roomId);
  }

  end(roomId: string): Result<OtrRoomView> {
    return this.native.active(roomId) ? this.nativeIntent(roomId, { type: 'end' }, null) : this.v3.end(roomId);
  }

  confirmEnded(roomId: string): Result<OtrRoomView> {
    return this.native.active(roomId) ? this.nativeIntent(roomId, { type: 'confirmEnded' }, null) : this.v3.confirmEnded(roomId);
  }

  dismiss(roomId: string): Result<OtrRoomView> {
    return this.native.active(roomId) ? this.nativeIntent(roomId, { type: 'dismiss' }, null) : this.v3.dismiss(roomId);
  }

  // Verification exists only in OTR v3: a Rocket.Chat OTR room has no fingerprint to act on, so these refuse there.
  verify(roomId: string, fp: Fingerprint): Result<OtrRoomView> {
    return this.native.active(roomId) ? err('otr-no-session') : this.v3.verify(roomId, fp);
  }

  unverify(roomId: string, fp: Fingerprint): Result<OtrRoomView> {
    return this.native.active(roomId) ? err('otr-no-session') : this.v3.unverify(roomId, fp);
  }

  acceptNewKey(roomId: string, fp: Fingerprint): Result<OtrRoomView> {
    return this.native.active(roomId) ? err('otr-no-session') : this.v3.acceptNewKey(roomId, fp);
  }

  smpStart(roomId: string, input: { secret: string; question?: string }): Result<OtrRoomView> {
    return this.native.active(roomId) ? err('otr-no-session') : this.v3.smpStart(roomId, input);
  }

  smpAnswer(roomId: string, secret: string): Result<OtrRoomView> {
    return this.native.active(roomId) ? err('otr-no-session') : this.v3.smpAnswer(roomId, secret);
  }

  smpAbort(roomId: string): Result<OtrRoomView> {
    return this.native.active(roomId) ? { ok: true, value: this.view(roomId) } : this.v3.smpAbort(roomId);
  }

  view(roomId: string): OtrRoomView {
    return this.native.active(roomId) ? this.native.view(roomId) : this.v3View(roomId);
  }

  fingerprints(roomId: string): Promise<Result<Fingerprints>> {
    return this.v3.fingerprints(roomId);
  }

  /** The DM left our room list: a Rocket.Chat OTR session in it ends (and tells the peer), as OTR v3's does. */
  roomRemoved(roomId: string): void {
    if (this.native.active(roomId)) this.native.dispatch(roomId, { type: 'end' });
    this.v3.roomRemoved(roomId);
  }

  setRequestTimeout(timeoutMs: number): void {
    this.v3.setRequestTimeout(timeoutMs);
  }

  connectionLost(): void {
    this.online = false;
    this.v3.connectionLost();
  }

  connectionRestored(): void {
    this.online = true;
    this.v3.connectionRestored();
  }

  /** A DM peer's presence (the official apps' rule: a peer going offline ends the native session). */
  presence(userId: string, online: boolean): void {
    this.native.peerPresence(userId, online);
  }

  dispose(): void {
    for (const off of this.offs) off();
    for (const timer of this.handoverTimers) clearTimeout(timer);
    this.native.dispose();
    this.v3.dispose();
  }

  private onSignal(args: unknown[]): void {
    const checked = this.native.signal(args);
    if (!checked.ok) return;
    const { signal } = checked;
    if (signal.type === 'handshake' || signal.type === 'acknowledge') {
      this.peers.set(signal.roomId, signal.otrDesk ? 'otr-desk' : 'official');
    }
    if (signal.type === 'handshake') {
      const choice = chooseProtocol({ server: this.deps.channel.support(), userSetting: this.deps.nativeAllowed(), peer: signal.otrDesk ? 'otr-desk' : 'official' });
      // 'ignore': the user switched Rocket.Chat OTR off; the official app's own 10 s limit answers for us.
      if (choice === 'ignore') return;
      // An OTR v3 session already open with this OTR Desk peer is left to OTR v3's own refresh.
      if (signal.otrDesk && this.v3.view(signal.roomId).phase !== 'idle') return;
    }
    this.native.applySignal(signal);
  }

  private handOver(roomId: string, role: 'acceptor' | 'initiator'): void {
    this.peers.set(roomId, 'otr-desk');
    if (role === 'initiator') {
      if (this.v3.view(roomId).phase === 'incoming') {
        // Its OTR v3 request overtook the acknowledge (they travel on different streams): answer it now.
        queueMicrotask(() => this.v3.accept(roomId));
        return;
      }
      const until = this.now() + HANDOVER_MS;
      this.agreed.set(roomId, until);
      this.deps.listener.view(this.view(roomId));
      // The peer's OTR v3 request never came: show the room as it really is again.
      const timer = setTimeout(() => {
        this.handoverTimers.delete(timer);
        if (this.agreed.get(roomId) !== until) return;
        this.agreed.delete(roomId);
        this.deps.listener.view(this.view(roomId));
        this.deps.listener.notice(roomId, 'otr-timed-out');
      }, HANDOVER_MS);
      this.handoverTimers.add(timer);
      return;
    }
    queueMicrotask(() => this.v3.start(roomId));
  }

  /** The OTR v3 view; while the peer's agreed OTR v3 request is on its way, the room reads as starting. */
  private v3View(roomId: string): OtrRoomView {
    const view = this.v3.view(roomId);
    return this.agreed.has(roomId) && view.phase === 'idle' ? { ...view, phase: 'handshaking' } : view;
  }

  private nativeIntent(roomId: string, event: NativeEvent, refusal: ErrorCode | null): Result<OtrRoomView> {
    const handled = this.native.dispatch(roomId, event);
    if (!handled && refusal !== null) return err(refusal);
    return { ok: true, value: this.view(roomId) };
  }

  private now(): number {
    return (this.deps.now ?? Date.now)();
  }
}
