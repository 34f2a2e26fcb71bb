// @vitest-environment jsdom
// What a message looks like beyond its text: markup as elements (never HTML), edits, deletions, system lines,
// reactions, quotes, long and right-to-left text, in English and Dutch.
import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { Message } from '../../src/contract/model.js';
import { toBody } from '../../src/main/chat/markup.js';
import { MessageRow } from '../../src/renderer/src/features/chat/MessageRow.js';
import { channelRoom, defaultSettings, dmRoom, message, otrView } from './fake-api.js';
import { renderWithStore } from './render.js';

afterEach(cleanup);

const nl = { settings: { ...defaultSettings, language: 'nl' as const } };
const inChannel = { rooms: [channelRoom(), dmRoom()], activeRoomId: 'ch-general' };
const text = (value: string, patch: Partial<Message> = {}) =>
  message({ roomId: 'ch-general', text: value, body: toBody(value), ...patch });

describe('markup', () => {
  it('shows bold, italic, strike, code, code blocks and links as elements; links open through the api', async () => {
    const { fake } = renderWithStore(<MessageRow message={text('*b* _i_ ~s~ `c` https://rocket.chat\n```\nx = 1\n```')} peer="bob" />, inChannel);
    const article = screen.getByRole('article');
    expect(article.querySelector('strong')?.textContent).toBe('b');
    expect(article.querySelector('em')?.textContent).toBe('i');
    expect(article.querySelector('del')?.textContent).toBe('s');
    expect(article.querySelector('code.md-code')?.textContent).toBe('c');
    expect(article.querySelector('pre')?.textContent).toBe('x = 1');
    await userEvent.click(screen.getByRole('link', { name: 'https://rocket.chat' }));
    expect(fake.calls['shell.openExternal']).toHaveBeenCalledWith('https://rocket.chat/');
  });

  it('highlights mentions of the signed-in user and @here; other mentions and channels are plain marks', () => {
    renderWithStore(<MessageRow message={text('hi @alice @bob @here #general')} peer="bob" />, inChannel);
    const mine = [...document.querySelectorAll('.md-mention-me')].map((e) => e.textContent);
    expect(mine).toEqual(['@alice', '@here']);
    expect(document.querySelector('.md-channel')?.textContent).toBe('#general');
  });

  it('renders an XSS corpus inert: no element from the text, no unsafe link', () => {
    const corpus = [
      '<img src=x onerror=alert(1)>', '[click](javascript:alert(1))', '[d](data:text/html,<script>alert(1)</script>)',
      '<a href="javascript:alert(1)">a</a>', '*[x](javascript:alert(1))*', '\u202Etxt.exe\u202C <svg onload=alert(1)>',
    ];
    for (const value of corpus) renderWithStore(<MessageRow message={text(value)} peer="bob" />, inChannel);
    expect(document.querySelector('img, script, svg, iframe, [onerror], [onload]')).toBeNull();
    for (const link of document.querySelectorAll('a')) expect(link.getAttribute('href')).toMatch(/^https?:/);
    expect(screen.getByText('<img src=x onerror=alert(1)>')).toBeTruthy();
  });
});

describe('edits, deletions and system lines', () => {
  it('marks an edited message, in English and Dutch', () => {
    renderWithStore(<MessageRow message={text('fixed', { editedAt: 1 })} peer="bob" />, inChannel);
    expect(screen.getByText('(edited)')).toBeTruthy();
    cleanup();
    renderWithStore(<MessageRow message={text('fixed', { editedAt: 1 })} peer="bob" />, { ...inChannel, ...nl });
    expect(screen.getByText('(bewerkt)')).toBeTruthy();
  });

  it("shows 'Message deleted' for t: 'rm', in English and Dutch", () => {
    renderWithStore(<MessageRow message={message({ kind: 'deleted', text: '' })} peer="bob" />);
    expect(screen.getByText('Message deleted')).toBeTruthy();
    cleanup();
    renderWithStore(<MessageRow message={message({ kind: 'deleted', text: '' })} peer="bob" />, nl);
    expect(screen.getByText('Bericht verwijderd')).toBeTruthy();
  });

  it("says, in English and Dutch, that the server's change to a private message was ignored", () => {
    renderWithStore(<MessageRow message={message({ kind: 'notice', notice: 'edit-ignored', text: '' })} peer="bob" />);
    expect(screen.getByText(/The server changed a private message/)).toBeTruthy();
    cleanup();
    renderWithStore(<MessageRow message={message({ kind: 'notice', notice: 'edit-ignored', text: '' })} peer="bob" />, nl);
    expect(screen.getByText(/De server heeft een privébericht gewijzigd/)).toBeTruthy();
  });

  it('words system lines per type, quiet and centred, never as what someone wrote', () => {
    const line = message({ kind: 'system', text: '', system: { type: 'au', actor: 'alice', target: 'carol' } });
    renderWithStore(<MessageRow message={line} peer="bob" />);
    expect(screen.getByText('alice added carol').className).toBe('system-line');
    expect(screen.queryByRole('article')).toBeNull();
    cleanup();
    const topic = message({ kind: 'system', text: '', system: { type: 'room_changed_topic', actor: 'bob', value: 'Plans' } });
    renderWithStore(<MessageRow message={topic} peer="bob" />, nl);
    expect(screen.getByText('bob heeft het onderwerp gewijzigd in: Plans')).toBeTruthy();
  });
});

describe('reactions', () => {
  const liked = () => text('like me', { reactions: [{ emoji: ':thumbsup:', usernames: ['alice', 'bob'] }] });

  it('shows counts and who, pressed when one is mine; a click takes mine back through the api', async () => {
    const { fake } = renderWithStore(<MessageRow message={liked()} peer="bob" />, inChannel);
    const button = screen.getByRole('button', { name: '👍 2: :thumbsup: by alice, bob' });
    expect(button.getAttribute('aria-pressed')).toBe('true');
    await userEvent.click(button);
    expect(fake.calls['chat.react']).toHaveBeenCalledWith('ch-general', expect.any(String), ':thumbsup:');
    await userEvent.click(screen.getByRole('button', { name: 'Add reaction' }));
    await userEvent.click(screen.getByRole('button', { name: ':tada:' }));
    expect(fake.calls['chat.react']).toHaveBeenLastCalledWith('ch-general', expect.any(String), ':tada:');
  });

  it('offers no reacting on a private message, nor in a DM whose chat is private', () => {
    renderWithStore(<MessageRow message={message({ kind: 'private', text: 'secret' })} peer="bob" />);
    expect(screen.queryByRole('button', { name: 'Add reaction' })).toBeNull();
    cleanup();
    renderWithStore(<MessageRow message={message({ text: 'plain', body: toBody('plain') })} peer="bob" />, { otr: { 'dm-bob': otrView({ roomId: 'dm-bob', phase: 'private' }) } });
    expect(screen.queryByRole('button', { name: 'Add reaction' })).toBeNull();
    cleanup();
    renderWithStore(<MessageRow message={message({ text: 'plain', body: toBody('plain') })} peer="bob" />);
    expect(screen.getByRole('button', { name: 'Add reaction' })).toBeTruthy();
  });
});

describe('quotes, long and right-to-left text', () => {
  it('shows a quote with its author and words, and a way to the original that never opens the browser', async () => {
    const quoting = text('I agree', {
      quotes: [{ link: 'http://127.0.0.1:3000/channel/general?msg=orig', messageId: 'orig', author: 'carol', body: toBody('the *plan*') }],
    });
    const { fake } = renderWithStore(<MessageRow message={quoting} peer="bob" />, inChannel);
    const quote = document.querySelector('blockquote.message-quote') as HTMLElement;
    expect(within(quote).getByText('carol')).toBeTruthy();
    expect(quote.querySelector('strong')?.textContent).toBe('plan');
    await userEvent.click(within(quote).getByRole('button', { name: 'Go to the original message' }));
    // Outside a message list nothing is loaded to go to: it says so, and nothing was opened.
    expect(screen.getByRole('status').textContent).toContain('not loaded');
    expect(fake.calls['shell.openExternal']).not.toHaveBeenCalled();
  });

  it('collapses a 20 000-character message behind Show more, and gives every body dir="auto"', async () => {
    const long = 'lorem ipsum '.repeat(1667);
    renderWithStore(<MessageRow message={text(long)} peer="bob" />, inChannel);
    const body = document.querySelector('.message-body') as HTMLElement;
    expect(body.getAttribute('dir')).toBe('auto');
    expect(body.className).toContain('message-collapsed');
    await userEvent.click(screen.getByRole('button', { name: 'Show more' }));
    expect(body.className).not.toContain('message-collapsed');
    expect(screen.getByRole('button', { name: 'Show less' }).getAttribute('aria-expanded')).toBe('true');
    cleanup();
    renderWithStore(<MessageRow message={text('שלום')} peer="bob" />, { ...inChannel, ...nl });
    expect(document.querySelector('.message-body')?.getAttribute('dir')).toBe('auto');
    expect(screen.queryByRole('button', { name: 'Meer tonen' })).toBeNull();
  });
});
