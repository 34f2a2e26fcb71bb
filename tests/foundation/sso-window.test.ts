// Electron's SSO window (issue 16), over a stand-in for Electron: the provider's page gets a window of its own —
// own in-memory session, isolated, sandboxed, no preload, only http(s), no new windows, no permissions — that
// closes when the flow ends and whose closing by the user cancels.
import { EventEmitter } from 'node:events';
import { beforeEach, describe, expect, it, vi } from 'vitest';

type Handler = (...args: unknown[]) => unknown;
const made: FakeWindow[] = [];
const sessionEvents = new EventEmitter();
const sessionHandlers: { request?: Handler; check?: Handler } = {};

class FakeContents extends EventEmitter {
  openHandler: Handler | undefined;
  setWindowOpenHandler(handler: Handler): void {
    this.openHandler = handler;
  }
}
class FakeWindow extends EventEmitter {
  readonly webContents = new FakeContents();
  destroyed = false;
  loaded: string | undefined;
  constructor(readonly options: Record<string, unknown>) {
    super();
    made.push(this);
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.emit('closed');
  }
  loadURL(url: string): Promise<void> {
    this.loaded = url;
    return Promise.resolve();
  }
}

vi.mock('electron', () => ({
  BrowserWindow: FakeWindow,
  session: {
    fromPartition: () => Object.assign(sessionEvents, {
      setPermissionRequestHandler: (h: Handler) => { sessionHandlers.request = h; },
      setPermissionCheckHandler: (h: Handler) => { sessionHandlers.check = h; },
    }),
  },
}));

const { createElectronSsoWindow, isSsoNavigationAllowed, ssoWebPreferences, SSO_PARTITION } = await import('../../src/main/electron/sso-window.js');
const REACH = { serverUrl: 'https://chat.example.org', providerUrl: 'https://idp.example.org/login' };

const prevented = (emit: (event: { preventDefault(): void; defaultPrevented: boolean }) => void): boolean => {
  const event = { defaultPrevented: false, preventDefault() { this.defaultPrevented = true; } };
  emit(event);
  return event.defaultPrevented;
};

beforeEach(() => {
  made.length = 0;
});

describe('the SSO window', () => {
  it('is isolated and sandboxed, in its own in-memory session, without preload or Node', () => {
    const prefs = ssoWebPreferences(true);
    expect(prefs).toMatchObject({
      partition: SSO_PARTITION, contextIsolation: true, sandbox: true, nodeIntegration: false, nodeIntegrationInSubFrames: false,
      webSecurity: true, webviewTag: false, devTools: false,
    });
    expect(prefs.preload).toBeUndefined();
    expect(SSO_PARTITION.startsWith('persist:')).toBe(false);
  });

  it('goes only to http(s) pages, opens no windows, attaches no webviews', async () => {
    const window = createElectronSsoWindow(() => undefined, true);
    void window.open('https://idp.example.org/login', { width: 800, height: 600 }, () => undefined, REACH);
    await Promise.resolve();
    const contents = made[0]!.webContents;
    expect(prevented((e) => contents.emit('will-navigate', e, 'https://idp.example.org/next'))).toBe(false);
    for (const url of ['rocketchat://auth?credentialToken=x', 'file:///etc/passwd', 'javascript:alert(1)', 'https://user:pw@idp.example.org/']) {
      expect(prevented((e) => contents.emit('will-navigate', e, url))).toBe(true);
      expect(prevented((e) => contents.emit('will-redirect', e, url))).toBe(true);
    }
    expect(contents.openHandler?.({ url: 'https://idp.example.org/help' })).toEqual({ action: 'deny' });
    expect(prevented((e) => contents.emit('will-attach-webview', e))).toBe(true);
    expect(isSsoNavigationAllowed('http://127.0.0.1:3000/_cas/x')).toBe(true);
  });

  it('grants no permission and no download in its session', async () => {
    const window = createElectronSsoWindow(() => undefined, true);
    void window.open('https://idp.example.org/login', { width: 800, height: 600 }, () => undefined, REACH);
    await Promise.resolve();
    const granted = vi.fn();
    sessionHandlers.request?.({}, 'media', granted);
    expect(granted).toHaveBeenCalledWith(false);
    expect(sessionHandlers.check?.({}, 'notifications')).toBe(false);
    expect(prevented((e) => sessionEvents.emit('will-download', e))).toBe(true);
  });

  it('closes itself with the answer when the flow arrives where it ends', async () => {
    const window = createElectronSsoWindow(() => undefined, false);
    const end = window.open('https://idp.example.org/login', { width: 800, height: 600 }, (url) =>
      url.includes('saml_idp_credentialToken') ? { kind: 'finished', request: { saml: true, credentialToken: 't' } } : undefined, REACH);
    const win = made[0]!;
    expect(win.loaded).toBe('https://idp.example.org/login');
    win.webContents.emit('did-navigate', {}, 'https://idp.example.org/after-password');
    expect(win.destroyed).toBe(false);
    win.webContents.emit('did-navigate', {}, 'https://chat.example.org/saml/t?saml_idp_credentialToken=t');
    expect(await end).toEqual({ kind: 'finished', request: { saml: true, credentialToken: 't' } });
    expect(win.destroyed).toBe(true);
  });

  it('reads an address that changed in the page (OAuth\'s hash), main frame only', async () => {
    const window = createElectronSsoWindow(() => undefined, false);
    const end = window.open('https://idp.example.org/login', { width: 800, height: 600 }, (url) =>
      url.endsWith('#done') ? { kind: 'failed' } : undefined, REACH);
    made[0]!.webContents.emit('did-navigate-in-page', {}, 'https://chat.example.org/_oauth/x#done', false);
    expect(made[0]!.destroyed).toBe(false);
    made[0]!.webContents.emit('did-navigate-in-page', {}, 'https://chat.example.org/_oauth/x#done', true);
    expect(await end).toEqual({ kind: 'failed' });
  });

  it('the user closing it is a cancel; abort closes it', async () => {
    const window = createElectronSsoWindow(() => undefined, false);
    const first = window.open('https://idp.example.org/login', { width: 800, height: 600 }, () => undefined, REACH);
    made[0]!.emit('closed');
    expect(await first).toEqual({ kind: 'closed' });
    const second = window.open('https://idp.example.org/login', { width: 800, height: 600 }, () => undefined, REACH);
    window.abort();
    expect(await second).toEqual({ kind: 'closed' });
    expect(made[1]!.destroyed).toBe(true);
  });
});
