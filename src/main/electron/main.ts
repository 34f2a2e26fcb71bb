// Electron entry: app lifecycle, the one window, its security, the IPC choke point and safeStorage.
// Everything else is the pure-Node account registry (src/main/accounts) that the browser host runs too.
import { app, BrowserWindow, dialog, ipcMain, net, protocol, session, shell } from 'electron';
import { join, normalize, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { AddressedEventSink, EventName, EventPayload } from '../../contract/events.js';
import { AccountRegistry } from '../accounts/registry.js';
import { openAuditLog, redactCall, type AuditLog } from '../ipc/audit-log.js';
import { appOriginPolicy, createDispatcher, type Dispatch } from '../ipc/dispatcher.js';
import { DEBUG_SWITCH_NAMES, debugSwitches } from './debug-switches.js';
import { eventSender, registerIpc } from './ipc-bridge.js';
import { obeyCertificatePins, systemNetwork } from './network.js';
import { SafeStorageSecretStore } from './safe-storage-secret-store.js';
import { createElectronSsoWindow } from './sso-window.js';
import {
  APP_HOST, APP_ORIGIN, APP_SCHEME, hardenSession, hardenWebContents, isExternalLinkAllowed, secureWebPreferences,
} from './window-security.js';
import { wireDesktop } from './desktop/index.js';
import { FileGate } from '../files/file-gate.js';
import { saveWithDialog } from './save-file.js';

const RENDERER_DIR = join(import.meta.dirname, '../renderer');
const PRELOAD = join(import.meta.dirname, '../preload/index.cjs');
/** Test and demo switches from the environment; the installed app has none. */
const debug = debugSwitches(process.env, app.isPackaged);
if (app.isPackaged && DEBUG_SWITCH_NAMES.some((name) => process.env[name])) {
  console.warn(`ignored in the installed app: ${DEBUG_SWITCH_NAMES.join(', ')}`);
}

protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);
app.enableSandbox();

let mainWindow: BrowserWindow | undefined;
let registry: AccountRegistry | undefined;
/** The IPC audit, when the e2e suite asked for one: every frame crossing IPC, so tests can check it. */
let auditLog: AuditLog | undefined;

function audit(direction: 'in' | 'out', frame: unknown): void {
  auditLog?.record(direction, frame);
}

function serveRenderer(): void {
  protocol.handle(APP_SCHEME, (request) => {
    const url = new URL(request.url);
    // Pictures, downloads and uploads: one-time addresses main answers with the user's credentials.
    if (url.host === APP_HOST && registry && FileGate.handles(url.pathname)) return registry.files.serve(request);
    const file = normalize(join(RENDERER_DIR, url.pathname === '/' ? 'index.html' : decodeURIComponent(url.pathname)));
    if (url.host !== APP_HOST || !file.startsWith(RENDERER_DIR + sep)) return new Response(null, { status: 404 });
    return net.fetch(pathToFileURL(file).toString());
  });
}

function openExternal(url: string): void {
  if (isExternalLinkAllowed(url)) void shell.openExternal(url);
}

export function createMainWindow(bounds?: Electron.Rectangle): BrowserWindow {
  const win = new BrowserWindow({
    ...(bounds ?? { width: 1200, height: 800 }),
    minWidth: 720,
    minHeight: 480,
    show: false,
    title: 'OTR Desk',
    webPreferences: secureWebPreferences(PRELOAD, app.isPackaged),
  });
  hardenWebContents(win.webContents, openExternal);
  win.once('ready-to-show', () => win.show());
  void win.loadURL(`${APP_ORIGIN}/index.html`);
  return win;
}

function auditedDispatch(dispatch: Dispatch): Dispatch {
  if (!auditLog) return dispatch;
  return async (name, args, sender, account) => {
    audit('in', redactCall({ name, args, account }));
    const result = await dispatch(name, args, sender, account);
    audit('out', { name, result });
    return result;
  };
}

async function warnIfNoKeyring(store: SafeStorageSecretStore): Promise<void> {
  if (store.encrypted) return;
  await dialog.showMessageBox({
    type: 'warning',
    title: 'No system keyring',
    message: 'Your OTR identity key and sign-in token cannot be protected by a system keyring on this computer.',
    detail:
      'They will be stored with weak protection: anyone who can read your user profile can read them. ' +
      'Install and unlock a keyring (for example GNOME Keyring or KWallet) to protect them.',
  });
}

async function start(): Promise<void> {
  if (debug.auditFile) auditLog = openAuditLog(debug.auditFile);
  serveRenderer();
  hardenSession(session.defaultSession);
  const userData = app.getPath('userData');
  // Only asked whether the OS keyring works; each account has its own store in its folder.
  await warnIfNoKeyring(new SafeStorageSecretStore(join(userData, 'accounts')));

  const toWindow = eventSender(() => (mainWindow ? [mainWindow.webContents] : []));
  // The desktop wiring needs the accounts and they need `emit`: the tap is attached once both exist.
  const desktopTap: { sink?: AddressedEventSink } = {};
  const emit: AddressedEventSink = <K extends EventName>(name: K, payload: EventPayload<K>, account?: string) => {
    audit('out', { event: name, payload, account });
    toWindow(name, payload, account);
    desktopTap.sink?.(name, payload, account);
  };
  registry = await AccountRegistry.open({
    profileDir: userData,
    emit,
    secretsFor: (dir) => new SafeStorageSecretStore(dir),
    openExternal,
    saveFile: (name, bytes) => saveWithDialog(mainWindow, name, bytes),
    autoLogin: debug.demoLogins,
    ssoWindow: () => createElectronSsoWindow(() => mainWindow, app.isPackaged),
    network: systemNetwork(),
  });
  obeyCertificatePins(registry.network.pins);

  const isOurWindow = appOriginPolicy([APP_ORIGIN]);
  const dispatch = createDispatcher(registry.targets, {
    isTrustedSender: isOurWindow,
    onReject: (reason, name) => console.warn(`ipc: rejected ${name}: ${reason}`),
  });
  registerIpc(ipcMain, auditedDispatch(dispatch));

  const desktop = await wireDesktop({
    registry,
    emit,
    createWindow: createMainWindow,
    getWindow: () => mainWindow,
    setWindow: (win: BrowserWindow | undefined) => { mainWindow = win; },
  });
  desktopTap.sink = desktop.onEvent;
}

// The demo runs three instances (alice, bob, carol) side by side, each with its own --user-data-dir.
if (!debug.demoLogins && !app.requestSingleInstanceLock()) {
  app.quit();
} else {
  void app.whenReady().then(start).catch((err: unknown) => {
    console.error('start-up failed:', err instanceof Error ? err.message : err);
    app.exit(1);
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('before-quit', () => {
    void registry?.dispose();
  });
}
