// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MessageList } from '../../src/renderer/src/features/chat/MessageList.js';
import { buildRows, estimateRowPx } from '../../src/renderer/src/features/chat/rows.js';
import { createFakeApi, message } from './fake-api.js';
import { renderWithStore } from './render.js';

// jsdom has no layout: give the scroll area and rows a size so the virtualiser has a window to fill.
beforeEach(() => {
  vi.spyOn(HTMLElement.prototype, 'getBoundingClientRect').mockImplementation(function (this: HTMLElement) {
    const height = this.classList.contains('message-scroll') ? 600 : 60;
    return { x: 0, y: 0, top: 0, left: 0, right: 800, bottom: height, width: 800, height, toJSON: () => ({}) };
  });
  vi.spyOn(HTMLElement.prototype, 'offsetHeight', 'get').mockImplementation(function (this: HTMLElement) {
    return this.classList.contains('message-scroll') ? 600 : 60;
  });
});

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

function history(count: number, start = Date.UTC(2025, 0, 1)) {
  return Array.from({ length: count }, (_, i) => message({ ts: start + i * 60_000, text: `message number ${i}` }));
}

describe('history', () => {
  it('renders only the rows in view for 10 000 messages', () => {
    const messages = history(10_000);
    renderWithStore(<MessageList roomId="dm-bob" peer="bob" />, {
      chats: { 'dm-bob': { messages, hasMore: false, loaded: true, loadingOlder: false } },
    });
    const rendered = document.querySelectorAll('article').length;
    expect(rendered).toBeGreaterThan(0);
    expect(rendered).toBeLessThan(100);
  });

  it('opens at the newest message when the history arrives after the room opened, before any scroll event', () => {
    // A scroll position that scrollTo sets (jsdom has neither), and no scroll event: what the first render shows.
    const scrollTops = new WeakMap<Element, number>();
    vi.spyOn(HTMLElement.prototype, 'scrollTop', 'get').mockImplementation(function (this: HTMLElement) {
      return scrollTops.get(this) ?? 0;
    });
    Object.defineProperty(HTMLElement.prototype, 'scrollTo', {
      configurable: true,
      value(this: HTMLElement, options?: ScrollToOptions) {
        scrollTops.set(this, options?.top ?? 0);
      },
    });
    try {
      const { store } = renderWithStore(<MessageList roomId="dm-bob" peer="bob" />, {
        chats: { 'dm-bob': { messages: [], hasMore: true, loaded: false, loadingOlder: false } },
      });
      act(() => store.setState({ chats: { 'dm-bob': { messages: history(1000), hasMore: true, loaded: true, loadingOlder: false } } }));
      expect(screen.getByText('message number 999')).toBeTruthy();
      expect(screen.queryByText('message number 0')).toBeNull();
    } finally {
      Reflect.deleteProperty(HTMLElement.prototype, 'scrollTo');
    }
  });

  it('puts a day separator before the first message of each day', () => {
    const day1 = Date.UTC(2025, 0, 1, 12);
    const rows = buildRows([message({ ts: day1 }), message({ ts: day1 + 1000 }), message({ ts: day1 + 86_400_000 })]);
    expect(rows.map((r) => r.kind)).toEqual(['day', 'message', 'message', 'day', 'message']);
  });

  it('guesses row heights before measuring them: taller for longer text and for a message still sending', () => {
    const [day, short] = buildRows([message({ text: 'ok' })]);
    const [, long] = buildRows([message({ text: 'word '.repeat(80) })]);
    const [, pending] = buildRows([message({ text: 'ok', status: 'pending' })]);
    expect(estimateRowPx(day)).toBeLessThan(estimateRowPx(short));
    expect(estimateRowPx(long)).toBeGreaterThanOrEqual(estimateRowPx(short) * 2);
    expect(estimateRowPx(pending)).toBeGreaterThan(estimateRowPx(short));
  });

  it('loads older messages when scrolled to the top, once, and keeps what was shown', async () => {
    const fake = createFakeApi();
    const older = history(50, Date.UTC(2024, 11, 1));
    let finish: (value: unknown) => void = () => undefined;
    fake.calls['rooms.loadOlder'].mockImplementation(
      () => new Promise((resolve) => (finish = () => resolve({ ok: true, value: { messages: older, hasMore: false } }))),
    );
    const shown = history(100);
    const { store } = renderWithStore(
      <MessageList roomId="dm-bob" peer="bob" />,
      { chats: { 'dm-bob': { messages: shown, hasMore: true, loaded: true, loadingOlder: false } } },
      fake,
    );
    const scroller = screen.getByRole('region', { name: 'Messages' });
    scroller.scrollTop = 0;
    fireEvent.scroll(scroller);
    fireEvent.scroll(scroller);
    expect(fake.calls['rooms.loadOlder']).toHaveBeenCalledTimes(1);
    expect(screen.getByText('Loading older messages…')).toBeTruthy();
    await act(async () => {
      finish(null);
      await Promise.resolve();
    });
    expect(store.getState().chats['dm-bob']?.messages).toHaveLength(150);
    expect(screen.getByText('This is the start of the conversation.')).toBeTruthy();
  });

  it("a quote's button loads older pages until its original is there, then brings it into view and marks it", async () => {
    const fake = createFakeApi();
    const original = message({ id: 'orig', ts: Date.UTC(2024, 10, 1), text: 'the original plan' });
    fake.calls['rooms.loadOlder']
      .mockResolvedValueOnce({ ok: true, value: { messages: history(3, Date.UTC(2024, 11, 1)), hasMore: true } })
      .mockResolvedValueOnce({ ok: true, value: { messages: [original], hasMore: false } });
    const quoting = message({
      ts: Date.UTC(2025, 0, 2), text: 'I agree',
      quotes: [{ link: 'http://127.0.0.1:3000/direct/dm-bob?msg=orig', messageId: 'orig', author: 'bob', body: [] }],
    });
    renderWithStore(
      <MessageList roomId="dm-bob" peer="bob" />,
      { chats: { 'dm-bob': { messages: [...history(3), quoting], hasMore: true, loaded: true, loadingOlder: false } } },
      fake,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Go to the original message' }));
    await vi.waitFor(() => expect(document.querySelector('.row-highlight')?.textContent).toContain('the original plan'));
    expect(fake.calls['rooms.loadOlder']).toHaveBeenCalledTimes(2);
    expect(fake.calls['shell.openExternal']).not.toHaveBeenCalled();
  });
});
