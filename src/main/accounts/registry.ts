// The accounts of this profile: N account cores side by side (src/main/app-core.ts), one per server, each with
// its own folder, secret store and settings. Only the user's settings and the window are shared. Calls reach an account
// through `targets` (the IPC choke point's routing); its events leave with its id attached.
import { randomBytes } from 'node:crypto';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { AccountsState, AccountSummary } from '../../contract/accounts.js';
import type { AppHandlers, LoginRequest } from '../../contract/calls.js';
import type { AddressedEventSink, EventName, EventPayload } from '../../contract/events.js';
import type { Session } from '../../contract/model.js';
import type { SecretStore } from '../../otr/ports.js';
import { createAppCore, type AppCore } from '../app-core.js';
import type { SsoWindow } from '../rocketchat/sso.js';
import { CertificatePins } from '../net/certificate-pins.js';
import { createNetwork, type Network, type NetworkOptions } from '../net/network.js';
import type { SaveFile } from '../chat/files-service.js';
import { FileGate } from '../files/file-gate.js';
import { attempt, ok } from '../chat/results.js';
import type { CallTargets } from '../ipc/dispatcher.js';
import { legacyAccountSettings, openSettings, type AccountSettings, type SettingsStore } from '../settings-store.js';
import { accountDir, readAccountList, writeAccountList } from './account-list-file.js';
import { migrateSingleServerProfile, SECRETS_DIR } from './migration.js';

export interface AccountRegistryOptions {
  profileDir: string;
  /** Where every event goes, with the id of the account it concerns (none for app-level events). */
  emit: AddressedEventSink;
  /** The secret store of one account's folder; defaults to the key-file store the core makes itself. */
  secretsFor?: (secretsDir: string) => SecretStore;
  openExternal?: (url: string) => void;
  /** Electron: each account's window for SSO providers (else the page opens a popup). */
  ssoWindow?: () => SsoWindow;
  /** Electron: saves a download through a save dialog (the browser host lets the page download instead). */
  saveFile?: SaveFile;
  /** The demo: on a profile without accounts, one account per entry, signed in by itself. */
  autoLogin?: readonly LoginRequest[];
  newId?: () => string;
  /** Electron: the system's proxy and certificate verdicts (the browser host uses the environment). */
  network?: Omit<NetworkOptions, 'pins'>;
}

interface Account {
  id: string;
  core: AppCore;
  session: Session;
}

const signedOut: Session = { connection: { kind: 'signed-out' } };

export class AccountRegistry {
  /** One-time addresses for file bytes on the app's own origin, shared by the accounts. */
  readonly files = new FileGate();
  private order: string[] = [];
  private activeId = '';
  private readonly live = new Map<string, Account>();
  private migrationFailed = false;

  private constructor(
    private readonly options: AccountRegistryOptions,
    readonly settings: SettingsStore,
    /** Proxy, certificate trust and the user's pins: one for every account of this profile. */
    readonly network: Network,
    private readonly newId: () => string,
    /** What an account without its own settings starts from: the shared values of earlier versions. */
    private readonly initialAccountSettings: AccountSettings,
  ) {}

  static async open(options: AccountRegistryOptions): Promise<AccountRegistry> {
    // Read before the user's settings are written again: that write drops the values that are now per account.
    const initialAccountSettings = await legacyAccountSettings(options.profileDir);
    const settings = await openSettings(options.profileDir);
    const network = createNetwork({ ...options.network, pins: await CertificatePins.open(options.profileDir) });
    const registry = new AccountRegistry(options, settings, network, options.newId ?? (() => randomBytes(6).toString('hex')), initialAccountSettings);
    settings.onChange((value) => options.emit('settings.changed', value));
    await registry.load();
    return registry;
  }

  /** The IPC choke point's routing: app calls here, account calls to that account's core. */
  readonly targets: CallTargets = {
    app: this.appHandlers(),
    account: (id) => this.live.get(id)?.core.handlers,
  };

  state(): AccountsState {
    return {
      accounts: this.order.map((id) => this.summary(id)),
      activeId: this.activeId,
      migrationFailed: this.migrationFailed,
    };
  }

  /** Every account's core, in rail order (the desktop wiring reads rooms and handlers). */
  cores(): { id: string; core: AppCore; summary: AccountSummary }[] {
    return this.order.flatMap((id) => {
      const account = this.live.get(id);
      return account ? [{ id, core: account.core, summary: this.summary(id) }] : [];
    });
  }

  get activeAccountId(): string {
    return this.activeId;
  }

  /** A new account, waiting to be signed in to, on screen. A blank one already there is reused. */
  async add(): Promise<AccountsState> {
    const blank = this.order.find((id) => this.isBlank(id));
    if (blank) return this.activate(blank);
    const id = this.newId();
    await this.start(id);
    this.order.push(id);
    this.activeId = id;
    return this.commit();
  }

  /** Deletes the account's folder: its sign-in, OTR identity key and trust store. Nothing of the others. */
  async remove(id: string): Promise<AccountsState> {
    const account = this.live.get(id);
    if (!account) return this.state();
    const index = this.order.indexOf(id);
    this.order = this.order.filter((other) => other !== id);
    this.live.delete(id);
    await account.core.dispose().catch((err: unknown) => console.warn('accounts: dispose failed:', (err as Error).message));
    await rm(accountDir(this.options.profileDir, id), { recursive: true, force: true });
    if (this.order.length === 0) await this.startBlank();
    if (this.activeId === id) this.activeId = this.order[Math.min(index, this.order.length - 1)] ?? this.order[0]!;
    return this.commit();
  }

  /** Rail order: `ids` must name every account once. */
  async reorder(ids: readonly string[]): Promise<AccountsState> {
    const same = ids.length === this.order.length && new Set(ids).size === ids.length && ids.every((id) => this.live.has(id));
    if (!same) throw new Error('the new order must name every account once');
    this.order = [...ids];
    return this.commit();
  }

  async activate(id: string): Promise<AccountsState> {
    if (!this.live.has(id)) throw new Error('no such account');
    this.activeId = id;
    return this.commit();
  }

  async dispose(): Promise<void> {
    const accounts = [...this.live.values()];
    this.live.clear();
    await Promise.all(accounts.map((account) => account.core.dispose().catch(() => undefined)));
  }

  private async load(): Promise<void> {
    const { profileDir } = this.options;
    const migration = await migrateSingleServerProfile(profileDir, this.newId);
    this.migrationFailed = migration.kind === 'failed';
    const list = await readAccountList(profileDir);
    const order = list?.order ?? [];
    // Every core starts at once; none waits for its server (see createAppCore).
    const logins = order.length === 0 ? (this.options.autoLogin ?? []) : [];
    const fresh = logins.map(() => this.newId());
    await Promise.all([...order.map((id) => this.start(id)), ...fresh.map((id, i) => this.start(id, logins[i]))]);
    this.order = [...order, ...fresh];
    if (this.order.length === 0) await this.startBlank();
    this.activeId = list?.activeId && this.live.has(list.activeId) ? list.activeId : this.order[0]!;
    await this.persist();
  }

  private async startBlank(): Promise<void> {
    const id = this.newId();
    await this.start(id);
    this.order.push(id);
  }

  private async start(id: string, autoLogin?: LoginRequest): Promise<void> {
    const dir = accountDir(this.options.profileDir, id);
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const account: Account = { id, session: signedOut, core: undefined as unknown as AppCore };
    const emit = <K extends EventName>(name: K, payload: EventPayload<K>): void => {
      if (name === 'session.changed') account.session = payload as Session;
      this.options.emit(name, payload, id);
      if ((name === 'session.changed' || name === 'rooms.changed') && this.live.has(id)) this.announce();
    };
    account.core = await createAppCore({
      profileDir: dir,
      emit,
      secrets: this.options.secretsFor?.(join(dir, SECRETS_DIR)),
      settings: this.settings,
      network: this.network,
      initialAccountSettings: this.initialAccountSettings,
      autoLogin,
      ssoWindow: this.options.ssoWindow?.(),
      files: this.files,
      saveFile: this.options.saveFile,
    });
    this.live.set(id, account);
    const session = await account.core.handlers['session.get']();
    if (session.ok && account.session === signedOut) account.session = session.value;
  }

  private summary(id: string): AccountSummary {
    const account = this.live.get(id);
    const session = account?.session ?? signedOut;
    return {
      id,
      serverUrl: session.serverUrl,
      username: session.me?.username,
      unread: account ? account.core.rooms().reduce((sum, room) => sum + room.unread, 0) : 0,
      connection: session.connection.kind,
    };
  }

  private isBlank(id: string): boolean {
    const session = this.live.get(id)?.session;
    return session?.connection.kind === 'signed-out' && session.serverUrl === undefined;
  }

  private async commit(): Promise<AccountsState> {
    await this.persist();
    this.announce();
    return this.state();
  }

  private persist(): Promise<void> {
    return writeAccountList(this.options.profileDir, { order: this.order, activeId: this.activeId });
  }

  private announce(): void {
    this.options.emit('accounts.changed', this.state());
  }

  private appHandlers(): AppHandlers {
    return {
      'accounts.list': () => ok(this.state()),
      'accounts.add': () => attempt(() => this.add()),
      'accounts.remove': (id) => attempt(() => this.remove(id)),
      'accounts.reorder': (ids) => attempt(() => this.reorder(ids)),
      'accounts.activate': (id) => attempt(() => this.activate(id)),
      'settings.get': () => ok(this.settings.get()),
      'settings.set': (patch) => attempt(() => this.settings.update(patch)),
      'shell.openExternal': (url) => {
        this.options.openExternal?.(url);
        return ok(null);
      },
    };
  }
}
