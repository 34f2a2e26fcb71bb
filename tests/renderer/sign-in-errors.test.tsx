// @vitest-environment jsdom
// Issue 16: every sign-in error is one sentence, in the UI language, that says what to do — never the server's
// English words appended, never the same thing twice. And the code step says where the code comes from.
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { ErrorCode } from '../../src/contract/model.js';
import { App } from '../../src/renderer/src/App.js';
import { LoginScreen } from '../../src/renderer/src/features/login/LoginScreen.js';
import { SIGN_IN_ERRORS, signInErrorText } from '../../src/renderer/src/features/login/sign-in-error.js';
import { translator } from '../../src/renderer/src/i18n/index.js';
import { createFakeApi } from './fake-api.js';
import { renderWithStore } from './render.js';

afterEach(cleanup);

const en = translator('en');
const nl = translator('nl');
const NOW = 1_000_000;
// Sentence ends followed by more text; the dots inside https://chat.example.org are not followed by a space.
const sentences = (text: string): number => text.split(/[.!?]\s+(?=\S)/).length;
const ENGLISH_WORDS = /\b(the|your|try|again|please|sign|server answered|not found|user|login|forbidden)\b/i;

describe('sign-in errors', () => {
  const cases = [
    ...SIGN_IN_ERRORS.map((code) => ({ name: code, error: { code, detail: 'Login forbidden' } })),
    { name: 'rate-limited with a wait', error: { code: 'rate-limited' as const, detail: 'Too many requests', retryAt: NOW + 30_000 } },
  ];

  it.each(cases)('$name: one sentence in English and in Dutch, without the server detail', ({ error }) => {
    for (const method of ['totp', 'email']) {
      const english = signInErrorText(en, error, method, NOW);
      const dutch = signInErrorText(nl, error, method, NOW);
      expect(sentences(english)).toBe(1);
      expect(sentences(dutch)).toBe(1);
      expect(english).not.toContain(error.detail);
      expect(dutch).not.toContain(error.detail);
      expect(dutch).not.toBe(english);
      expect(dutch).not.toMatch(ENGLISH_WORDS);
    }
  });

  it('tells how long to wait, and where an e-mail code comes from', () => {
    expect(signInErrorText(nl, { code: 'rate-limited', retryAt: NOW + 30_000 }, undefined, NOW)).toBe('Te veel aanmeldpogingen: probeer het over 30 s opnieuw.');
    expect(signInErrorText(en, { code: 'totp-invalid' }, 'email')).toBe('That code is not correct: enter the code from the newest e-mail the server sent you.');
    expect(signInErrorText(en, { code: 'proxy-unreachable' })).toBe("The proxy could not be reached: check your network's proxy settings, then try again.");
    expect(signInErrorText(nl, { code: 'proxy-unreachable' })).toBe('De proxy is niet bereikbaar: controleer de proxy-instellingen van je netwerk en probeer het dan opnieuw.');
  });

  it.each(ErrorCode.options)('the login screen shows %s as one sentence without the server detail', (code) => {
    renderWithStore(<LoginScreen />, {
      session: { connection: { kind: 'signed-out' } },
      login: { step: 'credentials', busy: false, error: { code, detail: 'The server did not accept this token.' } },
    });
    const text = screen.getByRole('alert').textContent ?? '';
    expect(text).not.toContain('The server did not accept this token.');
  });

  it('the code step says the code was e-mailed when the server sends e-mail codes', () => {
    renderWithStore(<LoginScreen />, { session: { connection: { kind: 'signed-out' } }, login: { step: 'totp', busy: false, error: null, totpMethod: 'email' } });
    expect(screen.getByText('The server e-mailed you a code: enter it here.')).toBeTruthy();
    cleanup();
    renderWithStore(<LoginScreen />, { session: { connection: { kind: 'signed-out' } }, login: { step: 'totp', busy: false, error: null, totpMethod: 'totp' } });
    expect(screen.getByText('Enter the code from your authenticator app.')).toBeTruthy();
  });
});

describe('"Signing in…" can be cancelled', () => {
  it('Cancel gives the form back at once, tells the app, and a late answer changes nothing', async () => {
    const fake = createFakeApi();
    fake.respond('session.get', { connection: { kind: 'signed-out' } });
    let answer: (value: unknown) => void = () => undefined;
    fake.calls['auth.login'].mockReturnValue(new Promise((resolve) => { answer = resolve; }));
    render(<App api={fake.api} />);
    await userEvent.type(await screen.findByRole('textbox', { name: 'Server address' }), 'https://chat.example.org');
    await userEvent.type(screen.getByRole('textbox', { name: 'Username or e-mail' }), 'alice');
    await userEvent.type(screen.getByLabelText('Password'), 'secret');
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(screen.getByRole('button', { name: 'Signing in…' })).toHaveProperty('disabled', true);
    await userEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(fake.calls['auth.cancel']).toHaveBeenCalled();
    expect(screen.getByRole('button', { name: 'Sign in' })).toHaveProperty('disabled', false);
    answer({ ok: false, error: { code: 'not-signed-in' } });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
