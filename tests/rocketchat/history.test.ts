import { describe, expect, it } from 'vitest';
import { fetchHistoryPage, fetchSince } from '../../src/main/rocketchat/history.js';
import type { HistoryCursor } from '../../src/main/rocketchat/types.js';
import { recordingLogger } from './helpers.js';

/** loadHistory like the server: ts < end, newest first, insertion order among equal timestamps reversed. */
function fakeLoadHistory(stored: { _id: string; ts: number }[]) {
  const calls: unknown[][] = [];
  const call = (method: string, params: unknown[]) => {
    calls.push(params);
    expect(method).toBe('loadHistory');
    const [rid, end, limit] = params as [string, Date | null, number];
    const older = stored.filter((m) => !end || m.ts < end.getTime()).reverse().slice(0, limit);
    return Promise.resolve({
      messages: older.map((m) => ({ _id: m._id, rid, msg: `text ${m._id}`, ts: new Date(m.ts), u: { _id: 'u1', username: 'alice' } })),
    });
  };
  return { call, calls };
}

/** 40 messages where runs of up to 6 share a millisecond. */
const stored = Array.from({ length: 40 }, (_, i) => ({ _id: `m${String(i).padStart(2, '0')}`, ts: 1000 + Math.floor(i / 6) }));

async function pageThrough(limit: number) {
  const { call } = fakeLoadHistory(stored);
  const pages: string[][] = [];
  let before: HistoryCursor | undefined;
  for (let guard = 0; guard < 100; guard++) {
    const page = await fetchHistoryPage(call, recordingLogger(), 'r1', { before, limit });
    pages.push(page.messages.map((m) => m.id));
    if (!page.next) {
      expect(page.hasMore).toBe(false);
      break;
    }
    before = page.next;
  }
  return pages;
}

describe('history paging', () => {
  it.each([1, 4, 5, 6, 7, 13, 40, 100])('with pages of %i returns every message once, oldest first, across equal timestamps', async (limit) => {
    const pages = await pageThrough(limit);
    for (const page of pages) expect(page.length).toBeLessThanOrEqual(limit);
    expect(pages.reverse().flat()).toEqual(stored.map((m) => m._id));
  });

  it('skips a malformed record without failing the page', async () => {
    const logger = recordingLogger();
    const call = () => Promise.resolve({ messages: [
      { _id: 'good', rid: 'r1', msg: 'secret words', ts: new Date(5), u: { _id: 'u', username: 'a' } },
      { _id: 'bad', rid: 'r1', msg: 'secret words', ts: 'yesterday', u: { _id: 'u', username: 'a' } },
    ] });
    const page = await fetchHistoryPage(call, logger, 'r1', { limit: 10 });
    expect(page.messages.map((m) => m.id)).toEqual(['good']);
    expect(logger.lines.join('\n')).toContain('bad');
    expect(logger.lines.join('\n')).not.toContain('secret');
  });

  it('catch-up collects exactly the messages after a point, even when a millisecond straddles pages', async () => {
    const { call } = fakeLoadHistory(stored);
    const after = await fetchSince(call, recordingLogger(), 'r1', { ts: 1003, inclusive: true }, 4, 1000);
    expect(after.messages.map((m) => m.id)).toEqual(stored.filter((m) => m.ts >= 1003).map((m) => m._id));
    const strict = await fetchSince(call, recordingLogger(), 'r1', { ts: 1003, inclusive: false }, 4, 1000);
    expect(strict.messages.map((m) => m.id)).toEqual(stored.filter((m) => m.ts > 1003).map((m) => m._id));
  });

  it('a room the user may not read gives an empty last page', async () => {
    const page = await fetchHistoryPage(() => Promise.resolve(false), recordingLogger(), 'r1', { limit: 10 });
    expect(page).toEqual({ messages: [], hasMore: false, next: null });
  });
});
