// @vitest-environment jsdom
// Issue 16: signing in with a personal access token (Rocket.Chat's My Account → Personal Access Tokens): a quiet
// second way on the sign-in screen, on SSO-only servers too, with the password form's Cancel and errors; the token
// goes to main and never into the store.
import { act, cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { LoginOptions } from '../../src/contract/model.js';
import { App } from '../../src/renderer/src/App.js';
import { LoginScreen } from '../../src/renderer/src/features/login/LoginScreen.js';
import { tokenSignInErrorText } from '../../src/renderer/src/features/login/sign-in-error.js';
import { translator } from '../../src/renderer/src/i18n/index.js';
import { createFakeApi, dmRoom, onlineSession } from './fake-api.js';
import { renderWithStore } from './render.js';

afterEach(cleanup);

const SERVER = 'https://chat.example.org';
const TOKEN = 'pat-Zq8xW2vB4nT6yR1u';
const signedOut = { session: { connection: { kind: 'signed-out' as const }, serverUrl: SERVER } };
const options = (patch: Partial<LoginOptions> = {}): LoginOptions => ({ serverUrl: SERVER, ldap: false, passwordForm: true, sso: [], ...patch });

async function openTokenForm() {
  await userEvent.click(await screen.findByRole('button', { name: 'Use a personal access token' }));
  // Its fields load on first use: on a loaded machine compiling that module takes longer than findBy's 1 s.
  await screen.findByRole('textbox', { name: 'User ID' }, { timeout: 15_000 });
}

async function fillToken(token = TOKEN) {
  await userEvent.type(screen.getByRole('textbox', { name: 'User ID' }), 'u-alice');
  await userEvent.type(screen.getByLabelText('Token'), token);
  await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
}

describe('signing in with a personal access token', () => {
  it('asks for the user ID and the token instead of the password, and signs in with them', async () => {
    const fake = createFakeApi();
    fake.respond('session.get', { connection: { kind: 'signed-out' }, serverUrl: SERVER });
    fake.respond('auth.loginWithToken', { kind: 'signed-in', session: onlineSession });
    fake.respond('rooms.list', [dmRoom()]);
    render(<App api={fake.api} />);
    await openTokenForm();
    expect(screen.queryByLabelText('Password')).toBeNull();
    expect(screen.getByRole('textbox', { name: 'User ID' })).toBe(document.activeElement);
    // A password-type field: the token is not shown on screen.
    expect(screen.getByLabelText('Token').getAttribute('type')).toBe('password');
    await fillToken(` ${TOKEN} `);
    expect(fake.calls['auth.loginWithToken']).toHaveBeenCalledWith({ serverUrl: SERVER, userId: 'u-alice', token: TOKEN });
    expect(fake.calls['auth.login']).not.toHaveBeenCalled();
    expect(await screen.findByRole('navigation', { name: 'Conversations' })).toBeTruthy();
  });

  it('keeps the token out of the store while signing in and after a refusal', async () => {
    const fake = createFakeApi();
    let answer: (value: unknown) => void = () => undefined;
    fake.calls['auth.loginWithToken'].mockReturnValue(new Promise((resolve) => { answer = resolve; }));
    const { store } = renderWithStore(<LoginScreen />, signedOut, fake);
    await openTokenForm();
    await fillToken();
    expect(store.getState().login).toMatchObject({ busy: true, personalAccessToken: true });
    expect(JSON.stringify(store.getState())).not.toContain(TOKEN);
    await act(async () => answer({ ok: false, error: { code: 'wrong-credentials' } }));
    expect(store.getState().login.busy).toBe(false);
    expect(JSON.stringify(store.getState())).not.toContain(TOKEN);
  });

  it('says in one sentence that the server refused the token, not that a password is wrong', async () => {
    const fake = createFakeApi();
    fake.fail('auth.loginWithToken', { code: 'wrong-credentials', detail: 'The server did not accept this token.' });
    renderWithStore(<LoginScreen />, signedOut, fake);
    await openTokenForm();
    await fillToken();
    expect((await screen.findByRole('alert')).textContent).toBe(
      'This server does not accept that user ID and token: copy both again from My Account → Personal Access Tokens.',
    );
    // The fields stay, to correct and try again, as the password form's do.
    expect(screen.getByRole<HTMLInputElement>('textbox', { name: 'User ID' }).value).toBe('u-alice');
    expect(screen.getByRole('button', { name: 'Sign in' })).toHaveProperty('disabled', false);
  });

  it('words the refusal in Dutch too, and other failures as any sign-in does', () => {
    const en = translator('en');
    const nl = translator('nl');
    expect(tokenSignInErrorText(nl, { code: 'wrong-credentials' })).toBe(
      'Deze server accepteert deze gebruikers-ID en dit token niet: kopieer ze allebei opnieuw uit Mijn account → Persoonlijke toegangstokens.',
    );
    expect(tokenSignInErrorText(en, { code: 'server-unreachable' })).toBe('The server cannot be reached: check the address and your network connection.');
    expect(tokenSignInErrorText(nl, { code: 'rate-limited', retryAt: 31_000 }, 1_000)).toBe('Te veel aanmeldpogingen: probeer het over 30 s opnieuw.');
  });

  it('Cancel gives the token form back at once and a late answer changes nothing', async () => {
    const fake = createFakeApi();
    let answer: (value: unknown) => void = () => undefined;
    fake.calls['auth.loginWithToken'].mockReturnValue(new Promise((resolve) => { answer = resolve; }));
    renderWithStore(<LoginScreen />, signedOut, fake);
    await openTokenForm();
    await fillToken();
    expect(screen.getByRole('button', { name: 'Signing in…' })).toHaveProperty('disabled', true);
    expect(screen.queryByRole('button', { name: 'Back' })).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(fake.calls['auth.cancel']).toHaveBeenCalled();
    expect(screen.getByRole('button', { name: 'Sign in' })).toHaveProperty('disabled', false);
    expect(screen.getByRole('textbox', { name: 'User ID' })).toBeTruthy();
    await act(async () => answer({ ok: false, error: { code: 'not-signed-in' } }));
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('is offered on a server without a password form, and Back returns to its SSO buttons', async () => {
    const fake = createFakeApi();
    fake.respond('auth.loginOptions', options({ passwordForm: false, sso: [{ id: 'saml', kind: 'saml', label: 'Company SAML' }] }));
    renderWithStore(<LoginScreen />, signedOut, fake);
    expect(await screen.findByRole('button', { name: 'Company SAML' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Sign in' })).toBeNull();
    await openTokenForm();
    expect(screen.queryByRole('button', { name: 'Company SAML' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Sign in' })).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Back' }));
    expect(screen.getByRole('button', { name: 'Company SAML' })).toBeTruthy();
    expect(screen.queryByRole('textbox', { name: 'User ID' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Use a personal access token' })).toBe(document.activeElement);
  });

  it("shows each way's error on its own form only", async () => {
    const fake = createFakeApi();
    fake.fail('auth.login', { code: 'wrong-credentials' });
    fake.fail('auth.loginWithToken', { code: 'wrong-credentials' });
    renderWithStore(<LoginScreen />, signedOut, fake);
    await userEvent.type(await screen.findByRole('textbox', { name: 'Username or e-mail' }), 'alice');
    await userEvent.type(screen.getByLabelText('Password'), 'nope');
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect((await screen.findByRole('alert')).textContent).toContain('password is not correct');
    await openTokenForm();
    expect(screen.queryByRole('alert')).toBeNull();
    await fillToken();
    expect((await screen.findByRole('alert')).textContent).toContain('user ID and token');
    await userEvent.click(screen.getByRole('button', { name: 'Back' }));
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
