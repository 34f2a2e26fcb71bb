// A fault for tests: a loaded server that is slow to start one stream subscription. A held `sub` gets no `ready`
// and no events until released — Rocket.Chat adds a stream's listener only when its publication runs — so what
// the stream carries meanwhile never reaches that client, as in the window between sign-in and `ready`.

export interface SubscriptionHold {
  /** Resolves when the first `sub` of the held stream event came in (and is waiting). */
  arrived: Promise<void>;
  /** Starts the waiting subscriptions (in order) and lets later ones through at once. */
  release(): void;
}

const keyOf = (stream: string, eventName: string): string => `${stream}\u0000${eventName}`;

export class SubscriptionHolds {
  private readonly holds = new Map<string, { waiting: (() => void)[]; arrived: () => void }>();

  hold(stream: string, eventName: string): SubscriptionHold {
    const key = keyOf(stream, eventName);
    let arrived = (): void => undefined;
    const promise = new Promise<void>((resolve) => {
      arrived = resolve;
    });
    const entry = { waiting: [] as (() => void)[], arrived };
    this.holds.set(key, entry);
    return {
      arrived: promise,
      release: () => {
        if (this.holds.get(key) === entry) this.holds.delete(key);
        for (const start of entry.waiting.splice(0)) start();
      },
    };
  }

  /** Starts a subscription now, or when the hold on its stream event is released. */
  run(stream: string, params: unknown[], start: () => void): void {
    const entry = typeof params[0] === 'string' ? this.holds.get(keyOf(stream, params[0])) : undefined;
    if (!entry) {
      start();
      return;
    }
    entry.waiting.push(start);
    entry.arrived();
  }
}
