// User settings: not secret, kept as JSON in the profile, written atomically.
import { join } from 'node:path';
import { Settings } from '../contract/model.js';
import { readFileIfExists, writeFileAtomic } from './storage/atomic-file.js';

export const DEFAULT_SETTINGS: Settings = { language: 'system', otrRequestTimeoutSec: 60, nativeOtr: true, notifications: true, closeToTray: true };

export class SettingsStore {
  private current: Settings = DEFAULT_SETTINGS;
  private readonly listeners = new Set<(settings: Settings) => void>();

  private constructor(private readonly file: string) {}

  static async open(profileDir: string): Promise<SettingsStore> {
    const store = new SettingsStore(join(profileDir, 'settings.json'));
    const raw = await readFileIfExists(store.file);
    if (raw) {
      // A damaged settings file must not stop the app: keep what parses, default the rest.
      const parsed = Settings.partial().safeParse(safeJson(raw.toString('utf8')));
      if (parsed.success) store.current = { ...DEFAULT_SETTINGS, ...parsed.data };
    }
    return store;
  }

  get(): Settings {
    return this.current;
  }

  async update(patch: Partial<Settings>): Promise<Settings> {
    this.current = Settings.parse({ ...this.current, ...patch });
    await writeFileAtomic(this.file, JSON.stringify(this.current, null, 2));
    for (const listener of this.listeners) listener(this.current);
    return this.current;
  }

  onChange(listener: (settings: Settings) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
