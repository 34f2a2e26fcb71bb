import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => ({}));

const {
  CONTENT_SECURITY_POLICY, hardenSession, hardenWebContents, isExternalLinkAllowed, secureWebPreferences,
} = await import('../../src/main/electron/window-security.js');

function fakeContents(url = 'app://otrdesk/index.html') {
  const emitter = new EventEmitter();
  let openHandler: ((d: { url: string }) => { action: string }) | undefined;
  const contents = Object.assign(emitter, {
    getURL: () => url,
    setWindowOpenHandler: (h: typeof openHandler) => { openHandler = h; },
  });
  return { contents, open: (u: string) => openHandler!({ url: u }) };
}

function navigate(contents: EventEmitter, url: string): boolean {
  const event = { defaultPrevented: false, preventDefault() { this.defaultPrevented = true; } };
  contents.emit('will-navigate', event, url);
  return event.defaultPrevented;
}

describe('window security', () => {
  it('isolates, sandboxes and keeps Node out of every window', () => {
    const prefs = secureWebPreferences('/app/out/preload/index.cjs', true);
    expect(prefs).toMatchObject({
      contextIsolation: true, sandbox: true, nodeIntegration: false, nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false, webSecurity: true, allowRunningInsecureContent: false, webviewTag: false,
    });
  });

  it('opens no DevTools in the installed app; a developer\'s checkout keeps them', () => {
    expect(secureWebPreferences('/app/out/preload/index.cjs', true).devTools).toBe(false);
    expect(secureWebPreferences('/app/out/preload/index.cjs', false).devTools).toBe(true);
  });

  it('has a CSP with no inline script, no eval and no remote origins', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-inline|unsafe-eval|https?:|\*/);
    expect(CONTENT_SECURITY_POLICY).toContain("object-src 'none'");
  });

  it('denies navigation away from the app and sends web links to the system browser', () => {
    const openExternal = vi.fn();
    const { contents } = fakeContents();
    hardenWebContents(contents as never, openExternal);
    expect(navigate(contents, 'https://example.org/page')).toBe(true);
    expect(openExternal).toHaveBeenCalledWith('https://example.org/page');
    expect(navigate(contents, 'file:///etc/passwd')).toBe(true);
    expect(navigate(contents, 'javascript:alert(1)')).toBe(true);
    expect(openExternal).toHaveBeenCalledTimes(1);
  });

  it('denies window.open, opening only http(s) links externally', () => {
    const openExternal = vi.fn();
    const { contents, open } = fakeContents();
    hardenWebContents(contents as never, openExternal);
    expect(open('https://example.org/')).toEqual({ action: 'deny' });
    expect(open('smb://share/x')).toEqual({ action: 'deny' });
    expect(openExternal.mock.calls).toEqual([['https://example.org/']]);
  });

  it('accepts only plain http(s) links as external', () => {
    expect(isExternalLinkAllowed('https://rocket.chat/')).toBe(true);
    expect(isExternalLinkAllowed('http://intranet.local/x')).toBe(true);
    expect(isExternalLinkAllowed('https://user:pw@evil.example/')).toBe(false);
    expect(isExternalLinkAllowed('file:///etc/passwd')).toBe(false);
    expect(isExternalLinkAllowed('rocketchat://room?rid=1')).toBe(false);
    expect(isExternalLinkAllowed('not a url')).toBe(false);
  });

  it('grants no permission but notifications and sets the CSP header on responses', () => {
    let permission: ((c: unknown, p: string, cb: (ok: boolean) => void) => void) | undefined;
    let headers: ((d: { responseHeaders: Record<string, string[]> }, cb: (r: unknown) => void) => void) | undefined;
    const session = {
      setPermissionRequestHandler: (h: typeof permission) => { permission = h; },
      setPermissionCheckHandler: vi.fn(),
      webRequest: { onHeadersReceived: (h: typeof headers) => { headers = h; } },
    };
    hardenSession(session as never);
    const answers: Record<string, boolean> = {};
    for (const p of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      permission!(null, p, (ok) => { answers[p] = ok; });
    }
    expect(answers).toEqual({ media: false, geolocation: false, notifications: true, 'clipboard-read': false, openExternal: false });
    const callback = vi.fn();
    headers!({ responseHeaders: {} }, callback);
    expect(callback).toHaveBeenCalledWith({ responseHeaders: { 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
});
