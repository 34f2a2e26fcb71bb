// @vitest-environment jsdom
// Issue 16: the sign-in screen reads the server's settings first and shows what applies — LDAP wording, the
// server's SSO services as buttons, no password form where the server has none — and SSO signs in from there.
import { act, cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { LoginOptions } from '../../src/contract/model.js';
import { App } from '../../src/renderer/src/App.js';
import { createFakeApi, onlineSession } from './fake-api.js';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

const SERVER = 'https://chat.example.org';
const options = (patch: Partial<LoginOptions> = {}): LoginOptions => ({ serverUrl: SERVER, ldap: false, passwordForm: true, sso: [], ...patch });
const services: LoginOptions['sso'] = [
  { id: 'saml', kind: 'saml', label: 'Company SAML' },
  { id: 'oauth:keycloak', kind: 'oauth', label: 'Keycloak' },
];

/** Signed out, with the last server remembered (as after a sign-out). */
function renderRemembered(answer: LoginOptions) {
  const fake = createFakeApi();
  fake.respond('session.get', { connection: { kind: 'signed-out' }, serverUrl: SERVER });
  fake.respond('auth.loginOptions', answer);
  render(<App api={fake.api} />);
  return fake;
}

describe('the sign-in screen follows the server', () => {
  it('reads a remembered server at once and words the form for LDAP', async () => {
    const fake = renderRemembered(options({ ldap: true }));
    expect(await screen.findByText('This server signs you in with your directory (LDAP) account.')).toBeTruthy();
    expect(fake.calls['auth.loginOptions']).toHaveBeenCalledWith(SERVER);
    expect(screen.getByRole('textbox', { name: 'LDAP username' })).toBeTruthy();
    expect(screen.getByLabelText('LDAP password')).toBeTruthy();
  });

  it('reads a typed address when the field is left, and forgets the options when the address changes', async () => {
    const fake = createFakeApi();
    fake.respond('session.get', { connection: { kind: 'signed-out' } });
    fake.respond('auth.loginOptions', options({ ldap: true, sso: services }));
    render(<App api={fake.api} />);
    const address = await screen.findByRole('textbox', { name: 'Server address' });
    await userEvent.type(address, SERVER);
    await userEvent.tab();
    expect(await screen.findByRole('button', { name: 'Company SAML' })).toBeTruthy();
    expect(fake.calls['auth.loginOptions']).toHaveBeenLastCalledWith(SERVER);
    await userEvent.type(address, '/other');
    expect(screen.queryByRole('button', { name: 'Company SAML' })).toBeNull();
    expect(screen.getByRole('textbox', { name: 'Username or e-mail' })).toBeTruthy();
  });

  it('offers only the SSO buttons where the server has no password form', async () => {
    renderRemembered(options({ passwordForm: false, sso: services.slice(0, 1) }));
    expect(await screen.findByRole('heading', { name: 'Sign in with' })).toBeTruthy();
    expect(screen.queryByLabelText('Password')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Sign in' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Company SAML' })).toBeTruthy();
  });
});

describe('signing in with SSO', () => {
  it('a button signs in through that service; while its window is open the screen says where to go on', async () => {
    const fake = renderRemembered(options({ sso: services }));
    let finish: (value: { ok: true; value: { kind: 'signed-in'; session: typeof onlineSession } }) => void = () => undefined;
    fake.calls['auth.sso'].mockReturnValue(new Promise((resolve) => { finish = resolve; }));
    await userEvent.click(await screen.findByRole('button', { name: 'Keycloak' }));
    expect(fake.calls['auth.sso']).toHaveBeenCalledWith({ serverUrl: SERVER, serviceId: 'oauth:keycloak' });
    expect(screen.getByText('Finish signing in in the window that opened.')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Cancel' })).toBeTruthy();
    await act(async () => finish({ ok: true, value: { kind: 'signed-in', session: onlineSession } }));
    expect(await screen.findByRole('navigation', { name: 'Conversations' })).toBeTruthy();
  });

  it('a closed provider window is one sentence, and the buttons are there to try again', async () => {
    const fake = renderRemembered(options({ sso: services }));
    fake.fail('auth.sso', { code: 'sso-cancelled', detail: 'No matching login attempt found' });
    await userEvent.click(await screen.findByRole('button', { name: 'Company SAML' }));
    expect((await screen.findByRole('alert')).textContent).toBe('The sign-in window was closed before you were signed in: choose the service again to retry.');
    expect(screen.getByRole('button', { name: 'Company SAML' })).toBeTruthy();
  });

  it('browser host: opens the popup main asks for, reports when it closed, and closes it on Cancel', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const popup = { closed: false, close: vi.fn(() => { popup.closed = true; }) };
    const open = vi.fn(() => popup);
    vi.stubGlobal('open', open);
    const fake = renderRemembered(options({ sso: [{ id: 'cas', kind: 'cas', label: 'CAS' }] }));
    fake.calls['auth.sso'].mockReturnValue(new Promise(() => undefined));
    await userEvent.click(await screen.findByRole('button', { name: 'CAS' }));
    act(() => fake.emit('auth.ssoWindow', { url: 'https://cas.example.org/login?service=x', width: 800, height: 600 }));
    expect(open).toHaveBeenCalledWith('https://cas.example.org/login?service=x', 'otrdesk-sso', 'popup,width=800,height=600');
    popup.closed = true;
    await act(() => vi.advanceTimersByTimeAsync(600));
    expect(fake.calls['auth.ssoWindowClosed']).toHaveBeenCalledTimes(1);

    popup.closed = false;
    act(() => fake.emit('auth.ssoWindow', { url: 'https://cas.example.org/login?service=y', width: 800, height: 600 }));
    await userEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(popup.close).toHaveBeenCalled();
    expect(fake.calls['auth.cancel']).toHaveBeenCalled();
  });

  it('browser host: a popup the browser blocked counts as closed at once', async () => {
    vi.stubGlobal('open', vi.fn(() => null));
    const fake = renderRemembered(options());
    await screen.findByRole('textbox', { name: 'Server address' });
    act(() => fake.emit('auth.ssoWindow', { url: 'https://cas.example.org/login', width: 800, height: 600 }));
    expect(fake.calls['auth.ssoWindowClosed']).toHaveBeenCalledTimes(1);
  });
});
