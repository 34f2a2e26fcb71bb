// Settings files: not secret, kept as JSON, written atomically (0600). The user's settings live in the profile
// (shared by every server); each account's own settings live in its folder.
import { join } from 'node:path';
import type { z } from 'zod';
import { AccountSettings, Settings } from '../contract/model.js';

export type { AccountSettings };
import { readFileIfExists, writeFileAtomic } from './storage/atomic-file.js';

export const DEFAULT_SETTINGS: Settings = { language: 'system', notifications: true, closeToTray: true };
export const DEFAULT_ACCOUNT_SETTINGS: AccountSettings = { otrRequestTimeoutSec: 60, nativeOtr: true };

export class JsonSettingsStore<T extends object> {
  private readonly listeners = new Set<(settings: T) => void>();

  private constructor(
    private readonly file: string,
    private readonly schema: z.ZodType<T>,
    private current: T,
  ) {}

  /**
   * A damaged file must not stop the app: keep what parses, take the rest from `initial`. With `writeInitial`, a
   * missing file is written at once, so values carried over from elsewhere no longer depend on where they came from.
   */
  static async open<S extends z.ZodObject>(
    file: string,
    schema: S,
    initial: z.infer<S>,
    writeInitial = false,
  ): Promise<JsonSettingsStore<z.infer<S>>> {
    const raw = await readFileIfExists(file);
    const stored = raw ? schema.partial().safeParse(safeJson(raw.toString('utf8'))) : undefined;
    const current = { ...initial, ...(stored?.success ? stored.data : {}) } as z.infer<S>;
    const store = new JsonSettingsStore<z.infer<S>>(file, schema as unknown as z.ZodType<z.infer<S>>, current);
    if (!raw && writeInitial) await store.update({});
    return store;
  }

  get(): T {
    return this.current;
  }

  async update(patch: Partial<T>): Promise<T> {
    this.current = this.schema.parse({ ...this.current, ...patch });
    await writeFileAtomic(this.file, JSON.stringify(this.current, null, 2));
    for (const listener of this.listeners) listener(this.current);
    return this.current;
  }

  onChange(listener: (settings: T) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

export type SettingsStore = JsonSettingsStore<Settings>;
export type AccountSettingsStore = JsonSettingsStore<AccountSettings>;

export function openSettings(profileDir: string): Promise<SettingsStore> {
  return JsonSettingsStore.open(join(profileDir, 'settings.json'), Settings, DEFAULT_SETTINGS);
}

/**
 * One account's settings. `initial` is what an account without its own file starts from: the values the
 * shared settings.json of earlier versions held (see `legacyAccountSettings`), else the defaults.
 */
export function openAccountSettings(accountDir: string, initial: AccountSettings = DEFAULT_ACCOUNT_SETTINGS): Promise<AccountSettingsStore> {
  return JsonSettingsStore.open(join(accountDir, 'account-settings.json'), AccountSettings, initial, true);
}

/** The per-account values an earlier version kept in the shared settings.json, over the defaults. */
export async function legacyAccountSettings(profileDir: string): Promise<AccountSettings> {
  const raw = await readFileIfExists(join(profileDir, 'settings.json'));
  const parsed = raw ? AccountSettings.partial().safeParse(safeJson(raw.toString('utf8'))) : undefined;
  return { ...DEFAULT_ACCOUNT_SETTINGS, ...(parsed?.success ? parsed.data : {}) };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
