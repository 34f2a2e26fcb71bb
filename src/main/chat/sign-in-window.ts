// The connection delivers messages before a sign-in has finished here: the catch-up of DMs that missed something
// while the streams were being subscribed, a live one right after they are ready. The OTR account only exists once
// the sign-in returned, so what arrives meanwhile waits and goes through, in order, right after it is set up.

export class SignInWindow {
  private open = false;
  private waiting: (() => void)[] = [];

  /** Runs a sign-in; on success `ready` runs first, then what arrived meanwhile. A failed one drops it. */
  async run<T>(login: () => Promise<T>, succeeded: (outcome: T) => boolean, ready: () => void): Promise<T> {
    this.open = true;
    this.waiting = [];
    try {
      const outcome = await login();
      this.open = false;
      if (succeeded(outcome)) {
        ready();
        for (const task of this.waiting.splice(0)) task();
      }
      return outcome;
    } finally {
      this.open = false;
      this.waiting = [];
    }
  }

  /** Runs `task` now, or once the sign-in in progress is set up. */
  defer(task: () => void): void {
    if (this.open) this.waiting.push(task);
    else task();
  }
}
