// The core of ONE account (one signed-in server): its connection, OTR account and chat service. Pure Node: the
// account registry (src/main/accounts) builds one per server, for the Electron app and the browser host alike.
// Its folder holds everything of this account, its own settings included; only the user's settings are shared.
import { join } from 'node:path';
import type { LoginRequest } from '../contract/calls.js';
import type { Handlers } from '../contract/calls.js';
import type { EventSink } from '../contract/events.js';
import type { Room } from '../contract/model.js';
import { createWorkerEngine } from '../otr/engine/index.js';
import type { SecretStore } from '../otr/ports.js';
import { OtrAccount } from './chat/otr-account.js';
import type { SaveFile } from './chat/files-service.js';
import { ChatService } from './chat/service.js';
import { attempt, ok } from './chat/results.js';
import type { FileGate } from './files/file-gate.js';
import { createRocketChatClient, type RocketChatOptions } from './rocketchat/index.js';
import type { SsoWindow } from './rocketchat/sso.js';
import { createPopupSsoWindow } from './sso-popup.js';
import { CertificatePins } from './net/certificate-pins.js';
import { createNetwork, type Network } from './net/network.js';
import { openAccountSettings, openSettings, type AccountSettings, type SettingsStore } from './settings-store.js';
import { FILE_STORE_WARNING, FileSecretStore } from './storage/file-secret-store.js';

export interface AppCoreOptions {
  /** This account's folder. */
  profileDir: string;
  emit: EventSink;
  /** Electron passes its safeStorage store; elsewhere a key file is used, with a warning. */
  secrets?: SecretStore;
  /** The user's settings, shared by all accounts; a core on its own opens them in its folder. */
  settings?: SettingsStore;
  /** What this account's settings start from when its folder has none yet (carried over from the shared file). */
  initialAccountSettings?: AccountSettings;
  /** Electron's sandboxed window for SSO providers; without one, the page is asked for a popup. */
  ssoWindow?: SsoWindow;
  /** Proxy, certificate trust and pins, shared by every account; a core on its own makes one in its folder. */
  network?: Network;
  /** The demo signs its windows in by itself; nobody else should. */
  autoLogin?: LoginRequest;
  /** Where the window fetches pictures and posts uploads (one for all accounts). */
  files?: FileGate;
  /** Electron: saves a download through a save dialog. */
  saveFile?: SaveFile;
  /** The Rocket.Chat client's tuning; the bench turns off pacing against its server without rate limits. */
  rocketChat?: Partial<RocketChatOptions>;
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
  const settings = options.settings ?? (await openSettings(options.profileDir));
  const accountSettings = await openAccountSettings(options.profileDir, options.initialAccountSettings);
  const network = options.network ?? createNetwork({ pins: await CertificatePins.open(options.profileDir) });
  const net = network.forAccount((problem) => options.emit('net.certificateUntrusted', problem));
  // The SSO forwarder reaches the server and its provider the way the account's connection does (proxy, trust).
  const popup = options.ssoWindow ? undefined : createPopupSsoWindow(options.emit, net.fetch);
  const rc = createRocketChatClient({
    secrets, logger: console, ssoWindow: options.ssoWindow ?? popup, fetch: net.fetch, probeFetch: net.quietFetch,
    openSocket: net.openSocket,
    ...(options.rocketChat ? { options: options.rocketChat } : {}),
  });
  const otr = new OtrAccount({ engine: createWorkerEngine(), secrets, settings: accountSettings, emit: options.emit });
  accountSettings.onChange((value) => options.emit('accountSettings.changed', value));
  const service = new ChatService({ rc, otr, emit: options.emit, gate: options.files, saveFile: options.saveFile });
  // Neither waits: a slow or dead server must not hold up the app (or the other accounts).
  const login = options.autoLogin;
  if (login) void service.handlers['auth.login'](login);
  else void service.resume();
  return {
    handlers: {
      ...service.handlers,
      'accountSettings.get': () => ok(accountSettings.get()),
      'accountSettings.set': (patch) => attempt(() => accountSettings.update(patch)),
      'auth.ssoWindowClosed': () => {
        popup?.closed();
        return ok(null);
      },
      'net.trustCertificate': (certificate) => attempt(async () => {
        await network.pins.pin(certificate);
        rc.reconnectNow();
        return null;
      }),
      'net.pinnedCertificates': () => ok(network.pins.list()),
      'net.forgetCertificate': (host) => attempt(async () => {
        await network.pins.revoke(host);
        return null;
      }),
    },
    rooms: () => service.rooms(),
    settings,
    dispose: () => service.dispose(),
  };
}
