import type { SecretStore } from '../../src/otr/ports.js';

/** SecretStore fake: a Map, plus a log of what was written. */
export class MemorySecrets implements SecretStore {
  readonly encrypted = true;
  readonly data = new Map<string, string>();
  writes = 0;

  read(name: string): Promise<string | null> {
    return Promise.resolve(this.data.get(name) ?? null);
  }

  write(name: string, value: string): Promise<void> {
    this.writes++;
    this.data.set(name, value);
    return Promise.resolve();
  }

  remove(name: string): Promise<void> {
    this.data.delete(name);
    return Promise.resolve();
  }
}
