// A room main holds a long history of (paged in earlier, kept across a renderer reload) reaches the renderer in
// windows: the newest first, older ones from memory and then from the server, down to the very first message.
import { describe, expect, it, vi } from 'vitest';
import { HISTORY_WINDOW, type HistoryPage, type Message, type OldestShown } from '../../src/contract/model.js';
import type { HistoryCursor, RcMessage } from '../../src/main/rocketchat/types.js';
import { BOB, CHANNEL, setup } from './chat-fakes.js';

const TOTAL = 250;
const SERVER_PAGE = 50;
/** The server's room: ids n001 … n250, oldest first; its pages go back from a cursor, as Rocket.Chat's do. */
const serverRoom: RcMessage[] = Array.from({ length: TOTAL }, (_, i) => ({
  id: `n${String(i + 1).padStart(3, '0')}`,
  roomId: CHANNEL.id,
  text: `note ${i + 1}`,
  ts: 10_000 + i * 1000,
  author: BOB,
}));

function room() {
  const t = setup();
  const history = vi.mocked(t.rc.history);
  history.mockImplementation(async (_roomId, { before, limit }) => {
    const end = before ? serverRoom.findIndex((m) => m.ts >= before.ts) : TOTAL;
    const messages = serverRoom.slice(Math.max(0, end - limit), end);
    const next: HistoryCursor | null = messages[0] ? { ts: messages[0].ts, ids: [messages[0].id] } : null;
    return { messages, hasMore: end - limit > 0, next };
  });
  const value = (result: { ok: true; value: HistoryPage } | { ok: false }): HistoryPage => {
    if (!result.ok) throw new Error('call failed');
    return result.value;
  };
  const open = async () => value(await t.service.handlers['rooms.open'](CHANNEL.id));
  const older = async (before: OldestShown | null) => value(await t.service.handlers['rooms.loadOlder'](CHANNEL.id, before));
  /** Pages back as the renderer does, from the oldest message it has, until the start; returns every id seen. */
  const scrollToStart = async (first: HistoryPage) => {
    let shown: Message[] = first.messages;
    let hasMore = first.hasMore;
    const pages: number[] = [];
    while (hasMore) {
      const page = await older({ ts: shown[0]!.ts, id: shown[0]!.id });
      pages.push(page.messages.length);
      shown = [...page.messages, ...shown];
      hasMore = page.hasMore;
    }
    return { ids: shown.map((m) => m.id), pages };
  };
  return { history, open, older, scrollToStart };
}

describe('history windows', () => {
  it('a room opened the first time pages back from the server to its first message', async () => {
    const r = room();
    const first = await r.open();
    expect(first).toMatchObject({ hasMore: true });
    expect(first.messages).toHaveLength(SERVER_PAGE);
    const { ids, pages } = await r.scrollToStart(first);
    expect(ids).toEqual(serverRoom.map((m) => m.id));
    expect(pages).toEqual([50, 50, 50, 50]);
    expect(r.history).toHaveBeenCalledTimes(TOTAL / SERVER_PAGE);
  });

  it('reopened after a renderer reload: the newest window only, the rest from what main holds, without asking the server again', async () => {
    const r = room();
    await r.scrollToStart(await r.open());
    const calls = r.history.mock.calls.length;

    const reopened = await r.open();
    expect(reopened.messages.map((m) => m.id)).toEqual(serverRoom.slice(-HISTORY_WINDOW).map((m) => m.id));
    expect(reopened.hasMore).toBe(true);
    const { ids, pages } = await r.scrollToStart(reopened);
    expect(ids).toEqual(serverRoom.map((m) => m.id));
    expect(pages).toEqual([HISTORY_WINDOW, TOTAL - 2 * HISTORY_WINDOW]);
    expect(r.history).toHaveBeenCalledTimes(calls);
  });

  it('messages with the same time are neither skipped nor repeated across a window edge', async () => {
    const r = room();
    const sameTime = serverRoom.map((m, i) => ({ ...m, ts: 10_000 + Math.floor(i / 7) * 1000 }));
    r.history.mockImplementation(async () => ({ messages: sameTime, hasMore: false, next: null }));
    const first = await r.open();
    expect(first.messages).toHaveLength(HISTORY_WINDOW);
    const { ids } = await r.scrollToStart(first);
    expect(ids).toEqual(sameTime.map((m) => m.id));
  });

  it('null (the renderer has nothing yet) pages from the newest', async () => {
    const r = room();
    await r.open();
    expect((await r.older(null)).messages.map((m) => m.id)).toEqual(serverRoom.slice(-2 * SERVER_PAGE).map((m) => m.id));
  });
});
