// The composition root of the main-process core. Pure Node: the Electron app and the browser host both
// build exactly this, and only the secret store and the way links open differ between them.
import { join } from 'node:path';
import type { Handlers } from '../contract/calls.js';
import type { EventSink } from '../contract/events.js';
import type { Room } from '../contract/model.js';
import { createWorkerEngine } from '../otr/engine/index.js';
import type { SecretStore } from '../otr/ports.js';
import { OtrAccount } from './chat/otr-account.js';
import { ChatService } from './chat/service.js';
import { createRocketChatClient } from './rocketchat/index.js';
import { SettingsStore } from './settings-store.js';
import { FILE_STORE_WARNING, FileSecretStore } from './storage/file-secret-store.js';

export interface AppCoreOptions {
  profileDir: string;
  emit: EventSink;
  /** Electron passes its safeStorage store; elsewhere a key file is used, with a warning. */
  secrets?: SecretStore;
  openExternal?: (url: string) => void;
  /** The demo signs its two windows in by itself; nobody else should. */
  autoLogin?: { serverUrl: string; user: string; password: string };
}

export interface AppCore {
  handlers: Handlers;
  rooms(): Room[];
  /** The user's settings as they change (the desktop wiring reads them synchronously, e.g. when the window closes). */
  settings: Pick<SettingsStore, 'get' | 'onChange'>;
  dispose(): Promise<void>;
}

export async function createAppCore(options: AppCoreOptions): Promise<AppCore> {
  const secrets = options.secrets ?? new FileSecretStore(join(options.profileDir, 'secrets'));
  if (!secrets.encrypted) console.warn(`WARNING: ${FILE_STORE_WARNING}`);
  const settings = await SettingsStore.open(options.profileDir);
  const rc = createRocketChatClient({ secrets, logger: console });
  const otr = new OtrAccount({ engine: createWorkerEngine(), secrets, settings, emit: options.emit });
  const service = new ChatService({
    rc,
    otr,
    settings,
    emit: options.emit,
    openExternal: options.openExternal ?? (() => undefined),
  });
  const login = options.autoLogin;
  if (login) void service.handlers['auth.login'](login);
  else void service.resume();
  return {
    handlers: service.handlers,
    rooms: () => service.rooms(),
    settings,
    dispose: () => service.dispose(),
  };
}
