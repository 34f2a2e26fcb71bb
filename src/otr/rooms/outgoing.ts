// Our own private messages in flight in one room: a message is `sent` once the transport confirmed every
// fragment of it. Sent messages stay "unconfirmed" until the peer next speaks, because if the peer turns out
// to have lost its session (it restarted), those are the ones it may not have read.

interface InFlight {
  sessionId: string;
  /** Fragments handed to the transport so far, and how many of them it confirmed. */
  queued: number;
  confirmed: number;
  /** How many fragments the message has, known from the first fragment (1 when not fragmented). */
  total: number | null;
}

const FRAGMENT_COUNT = /^\?OTR(?:\|[0-9a-fA-F]{1,8}\|[0-9a-fA-F]{1,8})?,\d{1,5},(\d{1,5}),/;

export class OutgoingTracker {
  private readonly inFlight = new Map<string, InFlight>();
  private sentSincePeerSpoke: string[] = [];

  begin(localId: string, sessionId: string): void {
    this.inFlight.set(localId, { sessionId, queued: 0, confirmed: 0, total: null });
  }

  isTracked(localId: string): boolean {
    return this.inFlight.has(localId);
  }

  /** One fragment (or the whole message) of `localId` goes to the transport. */
  queued(localId: string, wire: string): void {
    const m = this.inFlight.get(localId);
    if (m === undefined) return;
    m.queued += 1;
    m.total ??= Number(FRAGMENT_COUNT.exec(wire.trimStart())?.[1] ?? 1);
  }

  /** The transport confirmed one fragment. True when the whole message is now sent. */
  confirmed(localId: string): boolean {
    const m = this.inFlight.get(localId);
    if (m === undefined) return false;
    m.confirmed += 1;
    if (m.total === null || m.confirmed < m.total) return false;
    this.inFlight.delete(localId);
    this.sentSincePeerSpoke.push(localId);
    return true;
  }

  /** The transport refused a fragment. True the first time (report it failed once). */
  failed(localId: string): boolean {
    return this.inFlight.delete(localId);
  }

  /** A decrypted message from the peer proves it read what came before. */
  peerSpoke(): void {
    this.sentSincePeerSpoke = [];
  }

  /** Messages of a dropped session that never reached the transport: they will never go out. */
  takeUnsent(sessionId: string): string[] {
    const ids = [...this.inFlight].filter(([, m]) => m.sessionId === sessionId && m.queued === 0).map(([id]) => id);
    ids.forEach((id) => this.inFlight.delete(id));
    return ids;
  }

  /** Removes and returns the messages to report failed: in flight, and also sent-but-unconfirmed if asked. */
  take(scope: 'pending' | 'unconfirmed'): string[] {
    const ids = [...this.inFlight.keys()];
    this.inFlight.clear();
    if (scope === 'pending') return ids;
    const sent = this.sentSincePeerSpoke;
    this.sentSincePeerSpoke = [];
    return [...sent, ...ids];
  }
}
