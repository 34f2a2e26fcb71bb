// The OTR side of one signed-in account: the worker engine, the account's identity key (generated once,
// off the main thread), its trust store and the room sessions. DM traffic that arrives while the key is
// still being made waits here, in arrival order.
import type { EventSink } from '../../contract/events.js';
import type { Fingerprint, KnownFingerprint, OtrPhase, User } from '../../contract/model.js';
import type { ErrorCode, ErrorInfo } from '../../contract/model.js';
import { accountKeyOf, IdentityUnusableError, loadOrCreateIdentity, readOwnFingerprint } from '../../otr/identity/identity-store.js';
import type { OtrEngine, OtrRoomsListener, SecretStore, TrustStore } from '../../otr/ports.js';
import { RoomSessions } from '../../otr/rooms/room-sessions.js';
import { createTrustStore } from '../../otr/trust/trust-store.js';
import { fragmentSizeFor } from '../../otr/wire.js';
import type { RocketChatClient } from '../rocketchat/types.js';
import type { AccountSettingsStore } from '../settings-store.js';
import { PrivateRooms } from './private-rooms.js';

export type OtrRooms = PrivateRooms;

/** Phases in which a DM holds OTR state that a lost or late message would break. */
const IN_FLIGHT = new Set<OtrPhase>(['requesting', 'incoming', 'handshaking', 'private', 'key-changed', 'ended-by-peer']);

export interface OtrAccountDeps {
  engine: OtrEngine;
  secrets: SecretStore;
  /** This account's own settings (request timeout, Rocket.Chat's own OTR). */
  settings: AccountSettingsStore;
  emit: EventSink;
}

/** The account's key as room sessions get it: its fingerprint, or why no session can start. */
interface UsableKey {
  ownFingerprint: Fingerprint | null;
  unusable?: ErrorCode;
}

interface Signed {
  rooms: Promise<OtrRooms>;
  trust: TrustStore;
  accountKey: string;
  offState: () => void;
}

export class OtrAccount {
  private listener: OtrRoomsListener | undefined;
  private current: Signed | undefined;
  /** Runs queued work strictly in order, after the rooms are ready. */
  private chain: Promise<unknown> = Promise.resolve();
  /** The DM of each peer, to tell which of their keys an open session uses. */
  private readonly peerRooms = new Map<string, string>();
  /** Key and trust problems told since sign-in, for a window that was not listening yet. */
  private told: ErrorInfo[] = [];
  /** Tells the connection which DMs have a session in flight (their streams stay on, their catch-up comes first). */
  private watchOtr: ((roomId: string, inFlight: boolean) => void) | undefined;

  constructor(private readonly deps: OtrAccountDeps) {}

  setListener(listener: OtrRoomsListener): void {
    this.listener = listener;
  }

  signIn(account: { me: User; serverUrl: string; transport: RocketChatClient }): void {
    this.current?.offState();
    this.told = [];
    const { engine, secrets, settings, emit } = this.deps;
    const tell = (problem: ErrorInfo) => {
      this.told.push(problem);
      emit('otr.problem', problem);
    };
    const accountKey = accountKeyOf(account.serverUrl, account.me.id);
    let roomsNow: RoomSessions | undefined;
    const trust = createTrustStore(secrets, new URL(account.serverUrl).origin, {
      inUse: (peerId, fp) => {
        const roomId = this.peerRooms.get(peerId);
        return roomId !== undefined && roomsNow?.view(roomId).peerFingerprint === fp;
      },
      onDamaged: () => tell({ code: 'otr-trust-damaged' }),
    });
    // Read the trusted keys now, so a damaged store is told at sign-in rather than at the first handshake.
    void trust.list().catch(() => undefined);
    const identity = loadOrCreateIdentity(engine, secrets, accountKey, (progress) => emit('otr.keygen', progress)).then(
      (id): UsableKey => ({ ownFingerprint: id.fingerprint }),
      (error: unknown): UsableKey => {
        // Without a usable key plain DMs keep working; the user is told once what happened and what to do.
        const unreadable = error instanceof IdentityUnusableError;
        console.error(`otr: the identity key of this account cannot be used (${unreadable ? 'unreadable' : 'not created'})`);
        if (unreadable) tell({ code: 'otr-key-unreadable' });
        return { ownFingerprint: null, unusable: unreadable ? 'otr-key-unreadable' : 'otr-protocol' };
      },
    );
    const rc = account.transport;
    this.watchOtr = (roomId, inFlight) => rc.watchOtr(roomId, inFlight);
    const me = { id: account.me.id, username: account.me.username };
    const rooms = identity.then((id): OtrRooms => {
      const privateRooms = new PrivateRooms({
        me, channel: rc.nativeOtr, nativeAllowed: () => settings.get().nativeOtr, listener: this.forwardingListener(),
      });
      roomsNow = new RoomSessions({
        engine,
        trust,
        me,
        ...id,
        listener: privateRooms.v3Listener(),
        transport: {
          sendWire: async (roomId, wire) => ({ messageId: (await rc.send(roomId, wire).confirmed).id }),
        },
        options: {
          requestTimeoutMs: settings.get().otrRequestTimeoutSec * 1000,
          fragmentSize: fragmentSizeFor(rc.maxMessageSize),
        },
      });
      privateRooms.attach(roomsNow);
      return privateRooms;
    });
    let wasOnline = true;
    const offState = rc.onState((state) => {
      const online = state.kind === 'online';
      if (online === wasOnline) return;
      wasOnline = online;
      void rooms.then((r) => (online ? r.connectionRestored() : r.connectionLost()));
    });
    const offSettings = settings.onChange((changed) => {
      void rooms.then((r) => r.setRequestTimeout(changed.otrRequestTimeoutSec * 1000));
    });
    const offPresence = rc.onPresence((user) => {
      if (user.presence !== undefined) void rooms.then((r) => r.presence(user.id, user.presence !== 'offline'));
    });
    this.current = {
      rooms,
      trust,
      accountKey,
      offState: () => {
        offState();
        offSettings();
        offPresence();
      },
    };
    this.chain = rooms.catch(() => undefined);
  }

  registerDirect(roomId: string, peer: { id: string; username: string }): void {
    this.peerRooms.set(peer.id, roomId);
    this.whenReady((rooms) => rooms.registerRoom({ roomId, peer: { id: peer.id, username: peer.username } }));
  }

  /** The DM left our room list on the server: its session in flight ends with a notice. */
  roomRemoved(roomId: string): void {
    this.whenReady((rooms) => rooms.roomRemoved(roomId));
  }

  /** Runs `task` once the rooms are ready, after every task queued before it. */
  whenReady(task: (rooms: OtrRooms) => void): void {
    const current = this.current;
    if (!current) return;
    this.chain = this.chain.then(async () => {
      try {
        task(await current.rooms);
      } catch (err) {
        console.error('otr task failed:', err instanceof Error ? err.message : 'unknown error');
      }
    });
  }

  /** Resolves once every task queued so far has run. */
  async settled(): Promise<void> {
    await this.chain;
  }

  async ready(): Promise<OtrRooms> {
    if (!this.current) throw new Error('not signed in');
    await this.chain;
    return this.current.rooms;
  }

  /** Available without any session, and even while the key is still being made (then null). */
  async ownFingerprint(): Promise<Fingerprint | null> {
    if (!this.current) return null;
    // A key that cannot be read has no fingerprint to show; the 'otr.problem' event said why.
    return readOwnFingerprint(this.deps.secrets, this.current.accountKey).catch(() => null);
  }

  problems(): ErrorInfo[] {
    return [...this.told];
  }

  async knownFingerprints(): Promise<KnownFingerprint[]> {
    return this.current ? this.current.trust.list() : [];
  }

  async forgetFingerprint(userId: string, fingerprint: Fingerprint): Promise<void> {
    await this.current?.trust.forget(userId, fingerprint);
  }

  signOut(): Promise<void> {
    const current = this.current;
    this.current = undefined;
    this.told = [];
    if (!current) return Promise.resolve();
    current.offState();
    this.watchOtr = undefined;
    this.peerRooms.clear();
    // A key still being made (seconds, minutes on a busy machine) must not hold up sign-out or shutdown: the
    // rooms built on it are closed the moment they exist; rooms that exist already, before the caller resumes.
    void current.rooms.then((rooms) => rooms.dispose(), () => undefined);
    return Promise.resolve();
  }

  async dispose(): Promise<void> {
    await this.signOut();
    await this.deps.engine.dispose();
  }

  private forwardingListener(): OtrRoomsListener {
    return {
      view: (v) => {
        this.watchOtr?.(v.roomId, IN_FLIGHT.has(v.phase));
        this.listener?.view(v);
      },
      privateMessage: (roomId, m) => this.listener?.privateMessage(roomId, m),
      outgoingStatus: (roomId, id, status, error) => this.listener?.outgoingStatus(roomId, id, status, error),
      notice: (roomId, notice, at) => this.listener?.notice(roomId, notice, at),
    };
  }
}
