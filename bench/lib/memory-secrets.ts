// A SecretStore in memory: benchmarks need no disk and no "keys are only obfuscated" warning.
import type { SecretStore } from '../../src/otr/ports.js';

export class MemorySecrets implements SecretStore {
  readonly encrypted = true;
  private readonly data = new Map<string, string>();

  read(name: string): Promise<string | null> {
    return Promise.resolve(this.data.get(name) ?? null);
  }

  write(name: string, value: string): Promise<void> {
    this.data.set(name, value);
    return Promise.resolve();
  }

  remove(name: string): Promise<void> {
    this.data.delete(name);
    return Promise.resolve();
  }
}
