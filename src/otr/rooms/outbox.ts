// Wire text leaves one room strictly in order (fragments must arrive in order, AKE steps too), and waits
// while the connection is down instead of failing: the session is kept, so the text is still good later.
import type { OtrTransport } from '../ports.js';

/** Open while connected. Shared by all rooms of one account. */
export class ConnectionGate {
  private open = true;
  private waiting: { resolve: () => void; reject: (error: Error) => void }[] = [];
  private closedForGood: Error | null = null;

  get isOpen(): boolean {
    return this.open && this.closedForGood === null;
  }

  pass(): Promise<void> {
    if (this.closedForGood !== null) return Promise.reject(this.closedForGood);
    if (this.open) return Promise.resolve();
    return new Promise((resolve, reject) => this.waiting.push({ resolve, reject }));
  }

  setOpen(open: boolean): void {
    this.open = open;
    if (open) this.release((w) => w.resolve());
  }

  /** Rejects everything waiting, and all later passes. */
  shut(reason: Error): void {
    this.closedForGood = reason;
    this.release((w) => w.reject(reason));
  }

  private release(how: (w: { resolve: () => void; reject: (error: Error) => void }) => void): void {
    const waiting = this.waiting;
    this.waiting = [];
    waiting.forEach(how);
  }
}

export class RoomOutbox {
  private tail: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly roomId: string,
    private readonly transport: OtrTransport,
    private readonly gate: ConnectionGate,
  ) {}

  /** Sends after everything sent before it has been settled, and once the connection is up. */
  send(wire: string): Promise<{ messageId: string }> {
    const run = async (): Promise<{ messageId: string }> => {
      await this.gate.pass();
      return this.transport.sendWire(this.roomId, wire);
    };
    const result = this.tail.then(run, run);
    this.tail = result.catch(() => undefined);
    return result;
  }
}
