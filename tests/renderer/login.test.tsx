// @vitest-environment jsdom
import { act, cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ErrorCode } from '../../src/contract/model.js';
import { App } from '../../src/renderer/src/App.js';
import { ConnectionBanner } from '../../src/renderer/src/features/login/ConnectionBanner.js';
import { LoginScreen } from '../../src/renderer/src/features/login/LoginScreen.js';
import { createFakeApi, dmRoom, onlineSession } from './fake-api.js';
import { renderWithStore } from './render.js';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

function renderSignedOut() {
  const fake = createFakeApi();
  fake.respond('session.get', { connection: { kind: 'signed-out' } });
  render(<App api={fake.api} />);
  return fake;
}

async function fillCredentials() {
  await userEvent.type(await screen.findByRole('textbox', { name: 'Server address' }), 'https://chat.example.org');
  await userEvent.type(screen.getByRole('textbox', { name: 'Username or e-mail' }), 'alice');
  await userEvent.type(screen.getByLabelText('Password'), 'secret');
}

describe('sign-in', () => {
  it('signs in and shows the conversations', async () => {
    const fake = renderSignedOut();
    fake.respond('auth.login', { kind: 'signed-in', session: onlineSession });
    fake.respond('rooms.list', [dmRoom()]);
    await fillCredentials();
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(fake.calls['auth.login']).toHaveBeenCalledWith({
      serverUrl: 'https://chat.example.org',
      user: 'alice',
      password: 'secret',
    });
    expect(await screen.findByRole('button', { name: 'bob' })).toBeTruthy();
    expect(screen.getByRole('navigation', { name: 'Conversations' })).toBeTruthy();
  });

  it('asks for the code when the server wants a second factor', async () => {
    const fake = renderSignedOut();
    fake.respond('auth.login', { kind: 'totp-required', method: 'totp' });
    await fillCredentials();
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    const code = await screen.findByRole('textbox', { name: 'Code' });
    fake.fail('auth.submitTotp', { code: 'totp-invalid' });
    await userEvent.type(code, '000000');
    await userEvent.click(screen.getByRole('button', { name: 'Verify' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'That code is not correct: enter the current code from your authenticator app.',
    );
    fake.respond('auth.submitTotp', { kind: 'signed-in', session: onlineSession });
    await userEvent.clear(code);
    await userEvent.type(code, '123456');
    await userEvent.click(screen.getByRole('button', { name: 'Verify' }));
    expect(fake.calls['auth.submitTotp']).toHaveBeenLastCalledWith('123456');
    expect(await screen.findByRole('navigation', { name: 'Conversations' })).toBeTruthy();
  });

  it('goes back from the code step to the credentials', async () => {
    const fake = renderSignedOut();
    fake.respond('auth.login', { kind: 'totp-required' });
    await fillCredentials();
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    await userEvent.click(await screen.findByRole('button', { name: 'Back' }));
    expect(screen.getByRole('button', { name: 'Sign in' })).toBeTruthy();
  });

  it('shows a failed sign-in in words', async () => {
    const fake = renderSignedOut();
    fake.fail('auth.login', { code: 'wrong-credentials' });
    await fillCredentials();
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'The username, e-mail address or password is not correct: check them and try again.',
    );
  });

  it.each(ErrorCode.options)('explains %s in words, not as a code', (code) => {
    renderWithStore(<LoginScreen />, {
      session: { connection: { kind: 'signed-out' } },
      login: { step: 'credentials', busy: false, error: { code } },
    });
    const alert = screen.getByRole('alert');
    expect(alert.textContent?.length).toBeGreaterThan(10);
    expect(alert.textContent).not.toContain(code);
  });

  it('shows a clear screen while starting, never a blank one', () => {
    const fake = createFakeApi();
    fake.calls['session.get'].mockReturnValue(new Promise(() => undefined));
    render(<App api={fake.api} />);
    expect(screen.getByText('Starting OTR Desk…')).toBeTruthy();
  });
});

describe('connection banner', () => {
  it('counts down to the next attempt and reconnects on demand', async () => {
    vi.useFakeTimers({ toFake: ['Date', 'setInterval', 'clearInterval'] });
    vi.setSystemTime(new Date('2025-01-15T10:00:00Z'));
    const { fake } = renderWithStore(<ConnectionBanner />, {
      session: { ...onlineSession, connection: { kind: 'reconnecting', retryAt: Date.now() + 5000, attempt: 2 } },
    });
    expect(screen.getByText('Connection lost. Reconnecting in 5 s')).toBeTruthy();
    void act(() => {
      vi.advanceTimersByTime(2000);
    });
    expect(screen.getByText('Connection lost. Reconnecting in 3 s')).toBeTruthy();
    vi.useRealTimers();
    await userEvent.click(screen.getByRole('button', { name: 'Reconnect now' }));
    expect(fake.calls['connection.reconnectNow']).toHaveBeenCalled();
  });

  it('says the app is offline and why', () => {
    renderWithStore(<ConnectionBanner />, {
      session: { ...onlineSession, connection: { kind: 'offline', error: { code: 'server-unreachable' } } },
    });
    expect(screen.getByRole('status').textContent).toContain(
      'Offline: The server cannot be reached. Check the address and your internet connection.',
    );
    expect(screen.getByRole('button', { name: 'Reconnect now' })).toBeTruthy();
  });

  it('says "Connected again" for a few seconds after an outage, then gets out of the way', () => {
    vi.useFakeTimers({ toFake: ['Date', 'setInterval', 'clearInterval'] });
    vi.setSystemTime(new Date('2025-01-15T10:00:00Z'));
    const { store } = renderWithStore(<ConnectionBanner />, {
      session: { ...onlineSession, connection: { kind: 'reconnecting', retryAt: Date.now() + 1000, attempt: 1 } },
    });
    void act(() => {
      store.setState({ session: onlineSession, restoredAt: Date.now() });
    });
    expect(screen.getByRole('status').textContent).toBe('Connected again');
    void act(() => {
      vi.advanceTimersByTime(6000);
    });
    expect(screen.queryByRole('status')).toBeNull();
  });
});
