// @vitest-environment jsdom
import { cleanup, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { Composer } from '../../src/renderer/src/features/chat/Composer.js';
import { TypingIndicator } from '../../src/renderer/src/features/chat/TypingIndicator.js';
import { message, otrView } from './fake-api.js';
import { isDisabled, renderWithStore } from './render.js';

afterEach(cleanup);

const renderComposer = (state = {}) =>
  renderWithStore(<Composer roomId="dm-bob" roomName="bob" peer="bob" />, state);
const box = () => screen.getByRole<HTMLTextAreaElement>('textbox', { name: 'Message to bob' });

describe('composer', () => {
  it('sends with Enter and clears the box', async () => {
    const { fake } = renderComposer();
    fake.respond('chat.send', message({ own: true, status: 'pending', text: 'hi bob' }));
    await userEvent.type(box(), 'hi bob{Enter}');
    expect(fake.calls['chat.send']).toHaveBeenCalledWith('dm-bob', 'hi bob');
    expect(box().value).toBe('');
  });

  it('starts a new line with Shift+Enter instead of sending', async () => {
    const { fake } = renderComposer();
    await userEvent.type(box(), 'line one{Shift>}{Enter}{/Shift}line two');
    expect(fake.calls['chat.send']).not.toHaveBeenCalled();
    expect(box().value).toBe('line one\nline two');
    await userEvent.keyboard('{Enter}');
    expect(fake.calls['chat.send']).toHaveBeenCalledWith('dm-bob', 'line one\nline two');
  });

  it('keeps the text when sending fails, and says why', async () => {
    const { fake, store } = renderComposer();
    fake.fail('chat.send', { code: 'message-too-long' });
    await userEvent.type(box(), 'long text{Enter}');
    expect(box().value).toBe('long text');
    expect(store.getState().problem?.code).toBe('message-too-long');
  });

  it('text typed while a send is still on its way is neither wiped nor held back', async () => {
    const { fake } = renderComposer();
    let finish: (value: unknown) => void = () => undefined;
    fake.calls['chat.send'].mockImplementationOnce(() => new Promise((resolve) => (finish = resolve)));
    await userEvent.type(box(), 'first{Enter}');
    await userEvent.type(box(), 'second{Enter}');
    expect(fake.calls['chat.send']).toHaveBeenNthCalledWith(2, 'dm-bob', 'second');
    await userEvent.type(box(), 'third');
    finish({ ok: true, value: message({ own: true, status: 'pending', text: 'first' }) });
    await Promise.resolve();
    expect(box().value).toBe('third');
  });

  it('does not send only spaces', async () => {
    const { fake } = renderComposer();
    await userEvent.type(box(), '   {Enter}');
    expect(fake.calls['chat.send']).not.toHaveBeenCalled();
  });

  it('is disabled with the reason while a new key waits for an answer', () => {
    renderComposer({ otr: { 'dm-bob': otrView({ phase: 'key-changed' }) } });
    expect(isDisabled(box())).toBe(true);
    expect(isDisabled(screen.getByRole('button', { name: 'Send' }))).toBe(true);
    const reason = document.getElementById(box().getAttribute('aria-describedby') ?? '');
    expect(reason?.textContent).toContain("bob's security key changed");
  });

  it('tells that messages wait for the handshake', () => {
    renderComposer({ otr: { 'dm-bob': otrView({ phase: 'handshaking', queued: 2 }) } });
    expect(screen.getByText('Your messages will be sent once the encrypted chat has started (2 waiting).')).toBeTruthy();
    expect(isDisabled(box())).toBe(false);
  });

  it('reports typing to the server', async () => {
    const { fake } = renderComposer();
    await userEvent.type(box(), 'h');
    expect(fake.calls['chat.setTyping']).toHaveBeenCalledWith('dm-bob', true);
  });
});

describe('typing indicator', () => {
  it.each([
    [['bob'], 'bob is typing…'],
    [['bob', 'carol'], 'bob and carol are typing…'],
    [['bob', 'carol', 'dave'], 'Several people are typing…'],
    [['alice'], ''],
  ])('reads %j as "%s"', (usernames, words) => {
    renderWithStore(<TypingIndicator roomId="dm-bob" />, { typing: { 'dm-bob': usernames } });
    expect(document.querySelector('.typing')?.textContent).toBe(words);
  });
});
