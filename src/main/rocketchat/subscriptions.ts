// The set of streams we want, applied to whichever connection is current. Keys are (stream, event): each is
// subscribed at most once per connection, and a new connection starts from nothing, so duplicates cannot arise.
import { type Clock } from './clock.js';
import { DdpMethodError, type DdpConnection } from './ddp-connection.js';
import { isRateLimit, retryAtOf } from './errors.js';
import type { DdpError } from './schemas.js';
import type { Logger } from './types.js';

interface Stream {
  name: string;
  event: string;
}

const keyOf = (name: string, event: string): string => `${name}\u0000${event}`;

export class StreamSubscriptions {
  private readonly desired = new Map<string, Stream>();
  /** key → sub id on the current connection, or null while the `sub` is on its way. */
  private readonly active = new Map<string, string | null>();
  private connection: DdpConnection | undefined;

  constructor(private readonly clock: Clock, private readonly logger: Logger) {}

  /** Subscribes every wanted stream on a fresh connection; resolves when each got `ready` or was refused. */
  async attach(connection: DdpConnection): Promise<void> {
    this.connection = connection;
    this.active.clear();
    await Promise.all([...this.desired.keys()].map((key) => this.subscribe(key)));
  }

  detach(): void {
    this.connection = undefined;
    this.active.clear();
  }

  async want(name: string, event: string): Promise<void> {
    const key = keyOf(name, event);
    if (!this.desired.has(key)) this.desired.set(key, { name, event });
    await this.subscribe(key);
  }

  drop(name: string, event: string): void {
    const key = keyOf(name, event);
    this.desired.delete(key);
    const subId = this.active.get(key);
    this.active.delete(key);
    if (subId) this.connection?.unsubscribe(subId);
  }

  clear(): void {
    for (const stream of [...this.desired.values()]) this.drop(stream.name, stream.event);
  }

  /** Number of streams subscribed (or being subscribed) on the current connection. */
  get activeCount(): number {
    return this.active.size;
  }

  /** The server ended one of ours: a rate limit is waited out, anything else waits for the next connection. */
  lost(subId: string, error: DdpError | undefined): void {
    const entry = [...this.active.entries()].find(([, id]) => id === subId);
    if (!entry) return;
    const [key] = entry;
    this.active.delete(key);
    this.logger.warn(`[rocketchat] server ended a stream subscription: ${String(error?.error ?? 'no reason')}`);
    if (error && isRateLimit(error)) this.retryLater(key, retryAtOf(error, this.clock.now()));
  }

  private async subscribe(key: string): Promise<void> {
    const stream = this.desired.get(key);
    const connection = this.connection;
    if (!stream || !connection || connection.closed || this.active.has(key)) return;
    this.active.set(key, null);
    try {
      const subId = await connection.subscribe(stream.name, stream.event);
      if (this.connection !== connection || !this.desired.has(key)) {
        connection.unsubscribe(subId);
        return;
      }
      this.active.set(key, subId);
    } catch (error) {
      if (this.connection === connection) this.active.delete(key);
      if (error instanceof DdpMethodError && this.desired.has(key)) {
        this.logger.warn(`[rocketchat] stream ${stream.name} refused: ${String(error.ddp.error ?? 'no reason')}`);
        if (isRateLimit(error.ddp)) this.retryLater(key, retryAtOf(error.ddp, this.clock.now()));
      }
      // 'disconnected' / 'timeout': the next connection subscribes again.
    }
  }

  private retryLater(key: string, at: number): void {
    const connection = this.connection;
    this.clock.setTimeout(() => {
      if (this.connection === connection) void this.subscribe(key);
    }, Math.max(0, at - this.clock.now()));
  }
}
