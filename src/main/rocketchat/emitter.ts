// A tiny typed listener list. A throwing listener is logged and skipped: one faulty consumer must not stop
// messages from reaching the others.
import type { Logger } from './types.js';

export class Emitter<Args extends unknown[]> {
  private readonly listeners = new Set<(...args: Args) => void>();

  constructor(private readonly logger: Logger, private readonly name: string) {}

  on(listener: (...args: Args) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  emit(...args: Args): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(...args);
      } catch (error) {
        this.logger.error(`[rocketchat] a ${this.name} listener threw: ${error instanceof Error ? error.name : 'error'}`);
      }
    }
  }

  get size(): number {
    return this.listeners.size;
  }
}
