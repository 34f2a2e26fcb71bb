/** Server-wide switches the fault controls flip: hold all traffic, or slow every outgoing frame. */
export class TrafficGate {
  paused = false;
  delayMs = 0;
  private readonly resumeListeners = new Set<() => void>();

  onResume(listener: () => void): () => void {
    this.resumeListeners.add(listener);
    return () => this.resumeListeners.delete(listener);
  }

  pause(): void {
    this.paused = true;
  }

  resume(): void {
    if (!this.paused) return;
    this.paused = false;
    for (const listener of [...this.resumeListeners]) listener();
  }
}
