// Two people in one DM: each with room sessions, a listener that records what the user would see, a trust
// store, and a shared in-memory "server" that delivers every wire message to both sides in order.
import type { KnownFingerprint, MessageStatus, NoticeCode, OtrRoomView } from '../../../src/contract/model.js';
import type { IncomingVerdict, OtrEngine, OtrRoomsListener, OtrTransport, PrivateMessage, TrustStore } from '../../../src/otr/ports.js';
import { RoomSessions } from '../../../src/otr/rooms/room-sessions.js';

export const ROOM = 'dm-ab';

export class FakeClock {
  now = 1_700_000_000_000;
  private timers: { at: number; fn: () => void; id: number }[] = [];
  private ids = 0;

  setTimer = (fn: () => void, delay: number): unknown => {
    const id = ++this.ids;
    this.timers.push({ at: this.now + delay, fn, id });
    return id;
  };

  clearTimer = (handle: unknown): void => {
    this.timers = this.timers.filter((t) => t.id !== handle);
  };

  advance(ms: number): void {
    this.now += ms;
    const due = this.timers.filter((t) => t.at <= this.now).sort((a, b) => a.at - b.at);
    this.timers = this.timers.filter((t) => t.at > this.now);
    due.forEach((t) => t.fn());
  }
}

export class MemoryTrust implements TrustStore {
  readonly entries: KnownFingerprint[] = [];

  constructor(private readonly clock: FakeClock) {}

  list(peerUserId?: string): Promise<KnownFingerprint[]> {
    return Promise.resolve(this.entries.filter((e) => peerUserId === undefined || e.userId === peerUserId).map((e) => ({ ...e })));
  }

  remember(peerUserId: string, username: string, fingerprint: string): Promise<void> {
    const known = this.entries.some((e) => e.userId === peerUserId && e.fingerprint === fingerprint);
    if (!known) this.entries.push({ userId: peerUserId, username, fingerprint, verified: false, firstSeenAt: this.clock.now, inUse: false });
    return Promise.resolve();
  }

  setVerified(peerUserId: string, fingerprint: string, verified: boolean): Promise<void> {
    const entry = this.entries.find((e) => e.userId === peerUserId && e.fingerprint === fingerprint);
    if (entry !== undefined) entry.verified = verified;
    return Promise.resolve();
  }

  forget(peerUserId: string, fingerprint: string): Promise<void> {
    const i = this.entries.findIndex((e) => e.userId === peerUserId && e.fingerprint === fingerprint);
    if (i >= 0) this.entries.splice(i, 1);
    return Promise.resolve();
  }

  verifiedOf(fingerprint: string): boolean | undefined {
    return this.entries.find((e) => e.fingerprint === fingerprint)?.verified;
  }
}

export class RecordingListener implements OtrRoomsListener {
  readonly views: OtrRoomView[] = [];
  readonly messages: PrivateMessage[] = [];
  readonly statuses = new Map<string, { status: MessageStatus; code?: string }[]>();
  readonly notices: NoticeCode[] = [];

  view(view: OtrRoomView): void {
    this.views.push(view);
  }

  privateMessage(_roomId: string, message: PrivateMessage): void {
    this.messages.push(message);
  }

  outgoingStatus(_roomId: string, localId: string, status: MessageStatus, error?: { code: string }): void {
    const list = this.statuses.get(localId) ?? [];
    list.push(error === undefined ? { status } : { status, code: error.code });
    this.statuses.set(localId, list);
  }

  notice(_roomId: string, notice: NoticeCode): void {
    this.notices.push(notice);
  }

  lastStatus(localId: string): MessageStatus | undefined {
    return this.statuses.get(localId)?.at(-1)?.status;
  }

  lastView(): OtrRoomView | undefined {
    return this.views.at(-1);
  }
}

export interface Party {
  name: string;
  id: string;
  sessions: RoomSessions;
  engine: OtrEngine;
  listener: RecordingListener;
  trust: MemoryTrust;
  verdicts: { text: string; verdict: IncomingVerdict }[];
}

export interface Posted {
  id: string;
  from: string;
  text: string;
  ts: number;
}

/** The server: a log of posted messages; delivery to both members in order (optionally held back). */
export class FakeServer {
  readonly log: Posted[] = [];
  readonly parties = new Map<string, Party>();
  held = false;
  private backlog: Posted[] = [];
  /** When set, sendWire from that user fails (once per call) with this error. */
  failFrom: string | null = null;
  private ids = 0;

  /** `stamp`: the server's clock for message timestamps (the fake clock unless given). */
  constructor(
    private readonly clock: FakeClock,
    private readonly stamp: () => number = () => clock.now,
  ) {}

  transportFor(userId: string): OtrTransport {
    return {
      sendWire: (_roomId, wire) => {
        if (this.failFrom === userId) return Promise.reject(Object.assign(new Error('offline'), { code: 'disconnected' }));
        const posted: Posted = { id: `m${++this.ids}`, from: userId, text: wire, ts: this.stamp() };
        this.log.push(posted);
        if (this.held) this.backlog.push(posted);
        else queueMicrotask(() => this.deliver(posted));
        return Promise.resolve({ messageId: posted.id });
      },
    };
  }

  release(): void {
    this.held = false;
    const backlog = this.backlog;
    this.backlog = [];
    backlog.forEach((p) => this.deliver(p));
  }

  private deliver(posted: Posted): void {
    for (const party of this.parties.values()) {
      const msg = { id: posted.id, text: posted.text, ts: posted.ts, fromMe: party.id === posted.from, live: true };
      party.verdicts.push({ text: posted.text, verdict: party.sessions.incoming(ROOM, msg) });
    }
  }
}

/** Lets queued microtasks and promise chains (engine events, deliveries, trust lookups) run out. */
export async function settle(rounds = 30): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise((resolve) => setImmediate(resolve));
}

export interface PartyOptions {
  fragmentSize?: number;
  /** Use the fake clock for countdowns (default); false: real time, for the real engine. */
  fakeTime?: boolean;
  trust?: MemoryTrust;
  /** A real trust store to use instead of the memory one (`party.trust` then stays unused). */
  store?: TrustStore;
  ownFingerprint?: string;
}

export const ALICE = { id: 'alice-id', username: 'alice' };
export const BOB = { id: 'bob-id', username: 'bob' };

/** Creates one side of the DM (alice or bob) and connects it to the server. */
export function addParty(
  server: FakeServer,
  clock: FakeClock,
  who: 'alice' | 'bob',
  engine: OtrEngine & { fingerprint?: string },
  options: PartyOptions = {},
): Party {
  const me = who === 'alice' ? ALICE : BOB;
  const peer = who === 'alice' ? BOB : ALICE;
  const listener = new RecordingListener();
  const trust = options.trust ?? new MemoryTrust(clock);
  const fakeTime = options.fakeTime ?? true;
  const sessions = new RoomSessions({
    engine,
    transport: server.transportFor(me.id),
    trust: options.store ?? trust,
    listener,
    me,
    ownFingerprint: options.ownFingerprint ?? engine.fingerprint ?? null,
    options: {
      requestTimeoutMs: 60_000,
      fragmentSize: options.fragmentSize ?? 0,
      ...(fakeTime ? { now: () => clock.now, setTimer: clock.setTimer, clearTimer: clock.clearTimer } : {}),
    },
  });
  const registered = sessions.registerRoom({ roomId: ROOM, peer });
  if (!registered.ok) throw new Error('registerRoom failed');
  const party: Party = { name: who, id: me.id, sessions, engine, listener, trust, verdicts: [] };
  server.parties.set(me.id, party);
  return party;
}
