// @vitest-environment jsdom
import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { splitLinks } from '../../src/renderer/src/features/chat/linkify.js';
import { MessageRow } from '../../src/renderer/src/features/chat/MessageRow.js';
import { defaultSettings, message } from './fake-api.js';
import { renderWithStore } from './render.js';

afterEach(cleanup);

describe('message text', () => {
  it('shows a private message the peer acknowledged as delivered', () => {
    renderWithStore(<MessageRow message={message({ kind: 'private', own: true, status: 'delivered', text: 'ack me' })} peer="bob" />);
    expect(screen.getByText('Delivered')).toBeTruthy();
  });

  it('keeps HTML as visible text and never builds elements from it', () => {
    const evil = '<img src=x onerror="alert(1)"><script>alert(2)</script>';
    renderWithStore(<MessageRow message={message({ text: evil })} peer="bob" />);
    expect(document.querySelector('img')).toBeNull();
    expect(document.querySelector('script')).toBeNull();
    expect(screen.getByText(evil)).toBeTruthy();
  });

  it('links http(s) addresses and opens them through the api', async () => {
    const { fake } = renderWithStore(
      <MessageRow message={message({ text: 'see https://example.org/a?b=1. and javascript:alert(1)' })} peer="bob" />,
    );
    const link = screen.getByRole('link', { name: 'https://example.org/a?b=1' });
    await userEvent.click(link);
    expect(fake.calls['shell.openExternal']).toHaveBeenCalledWith('https://example.org/a?b=1');
    expect(screen.getAllByRole('link')).toHaveLength(1);
  });

  it('splits only web links, trimming sentence punctuation', () => {
    expect(splitLinks('go to http://a.nl/x, then ftp://b.nl')).toEqual([
      { kind: 'text', text: 'go to ' },
      { kind: 'link', text: 'http://a.nl/x', href: 'http://a.nl/x' },
      { kind: 'text', text: ', then ftp://b.nl' },
    ]);
    expect(splitLinks('(https://en.wikipedia.org/wiki/Foo_(bar))')[1]).toMatchObject({
      text: 'https://en.wikipedia.org/wiki/Foo_(bar)',
    });
  });
});

describe('message kinds and states', () => {
  it('marks private messages for eyes and screen readers', () => {
    renderWithStore(<MessageRow message={message({ kind: 'private', text: 'secret' })} peer="bob" />);
    const article = screen.getByRole('article');
    expect(article.querySelector('.icon-lock')).not.toBeNull();
    expect(within(article).getByText('private').className).toBe('visually-hidden');
  });

  it('never marks a message under an unaccepted key as private, and says why', () => {
    renderWithStore(<MessageRow message={message({ kind: 'unaccepted-key', text: 'trust me' })} peer="bob" />);
    const article = screen.getByRole('article');
    expect(article.querySelector('.icon-lock')).toBeNull();
    expect(within(article).queryByText('private')).toBeNull();
    expect(within(article).getByText(/Sent with a key you have not accepted/)).toBeTruthy();
    expect(within(article).getByText('trust me')).toBeTruthy();
  });

  it('shows a placeholder for encrypted messages it cannot read', () => {
    renderWithStore(<MessageRow message={message({ kind: 'unreadable-private', text: '' })} peer="bob" />);
    expect(screen.getByText('Encrypted message — not readable here')).toBeTruthy();
  });

  it('marks plain text that arrived in a private chat loudly, and never with the private lock', () => {
    renderWithStore(<MessageRow message={message({ kind: 'unencrypted', text: 'in the clear' })} peer="bob" />);
    const article = screen.getByRole('article');
    expect(within(article).getByRole('note').textContent).toContain('Not encrypted — sent outside the private chat');
    expect(within(article).getByText('in the clear')).toBeTruthy();
    expect(article.querySelector('.icon-lock')).toBeNull();
    expect(within(article).queryByText('private')).toBeNull();
  });

  it("shows the other side's OTR error as its words, quoted", () => {
    renderWithStore(<MessageRow message={message({ kind: 'peer-otr-error', text: 'Session over, click here' })} peer="bob" />);
    const quote = document.querySelector('q');
    expect(quote?.textContent).toBe('Session over, click here');
    expect(screen.getByRole('article').textContent).toContain("app reported an OTR error:");
  });

  it('a request that opened no dialog leaves a line whose button starts the encrypted chat', async () => {
    const { fake } = renderWithStore(<MessageRow message={message({ kind: 'notice', notice: 'otr-asked-again', text: '' })} peer="bob" />);
    expect(screen.getByText(/bob asked again for an encrypted chat/)).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Start encrypted chat' }));
    expect(fake.calls['otr.start']).toHaveBeenCalledWith(message({}).roomId);
  });

  it('shows notices as a line in words', () => {
    renderWithStore(<MessageRow message={message({ kind: 'notice', notice: 'otr-ended-by-peer', text: '' })} peer="bob" />);
    expect(screen.getByText('bob ended the encrypted chat')).toBeTruthy();
  });

  it('a request that ended without a Yes says when the peer asked, in the locale\'s time format (en and nl)', () => {
    const askedAt = new Date(2025, 0, 15, 10, 42).getTime();
    const line = message({ kind: 'notice', notice: 'otr-request-expired', text: '', ts: askedAt + 60_000, noticeAt: askedAt });
    renderWithStore(<MessageRow message={line} peer="Alice" />);
    expect(screen.getByText('Alice asked for an encrypted chat at 10:42 AM — expired')).toBeTruthy();
    cleanup();
    renderWithStore(<MessageRow message={{ ...line, notice: 'otr-request-declined' }} peer="Alice" />, {
      settings: { ...defaultSettings, language: 'nl' },
    });
    expect(screen.getByText('Alice vroeg om 10:42 om een versleutelde chat — je hebt geweigerd')).toBeTruthy();
  });

  it('words every identity check outcome as a line', () => {
    renderWithStore(<MessageRow message={message({ kind: 'notice', notice: 'otr-smp-failed', text: '' })} peer="bob" />);
    expect(screen.getByText('Identity check with bob failed: the answers did not match')).toBeTruthy();
  });

  it('offers Retry and Discard for a failed message', async () => {
    const failed = message({ own: true, status: 'failed', error: { code: 'disconnected' } });
    const { fake } = renderWithStore(<MessageRow message={failed} peer="bob" />);
    expect(screen.getByText('Not sent: The connection to the server is lost.')).toBeTruthy();
    fake.respond('chat.retry', { ...failed, status: 'pending' });
    await userEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(fake.calls['chat.retry']).toHaveBeenCalledWith('dm-bob', failed.id);
    await userEvent.click(screen.getByRole('button', { name: 'Discard' }));
    expect(fake.calls['chat.discard']).toHaveBeenCalledWith('dm-bob', failed.id);
  });

  it.each([
    ['pending', 'Sending…'],
    ['queued', 'Waiting for the encrypted chat'],
  ] as const)('shows %s messages as "%s"', (status, words) => {
    renderWithStore(<MessageRow message={message({ own: true, status })} peer="bob" />);
    expect(screen.getByText(words)).toBeTruthy();
  });
});
