// Reopening a room loaded earlier and not watched since: what the server changed meanwhile reaches the rows
// (one `roomChanges` call per reopen), through the same rules as live edits and deletions; without `messages/get`
// the newest page is re-read and compared.
import { describe, expect, it, vi } from 'vitest';
import type { HistoryPage } from '../../src/contract/model.js';
import type { RcHistoryPage, RcMessage, RcRoomChanges } from '../../src/main/rocketchat/types.js';
import { BOB, CHANNEL, DM, setup } from './chat-fakes.js';

const rc = (id: string, ts: number, text = id, over: Partial<RcMessage> = {}): RcMessage => ({ id, roomId: CHANNEL.id, text, ts, author: BOB, ...over });
const page = (messages: RcMessage[], hasMore = false): RcHistoryPage => ({ messages, hasMore, next: null });

function opened(first: RcMessage[], hasMore = false) {
  const t = setup();
  const history = vi.mocked(t.rc.history);
  const roomChanges = vi.mocked(t.rc.roomChanges);
  history.mockResolvedValueOnce(page(first, hasMore));
  const open = async (roomId = CHANNEL.id): Promise<HistoryPage> => {
    const result = await t.service.handlers['rooms.open'](roomId);
    if (!result.ok) throw new Error('open failed');
    return result.value;
  };
  const removed = () => t.events.filter((e) => e.name === 'chat.removed').map((e) => (e.payload as { id: string }).id);
  return { t, history, roomChanges, open, removed };
}

describe('reopening a room that was not watched', () => {
  it('removes what was deleted (one and bulk) and shows edits, with one call per reopen', async () => {
    const r = opened([rc('e1', 100, 'draft'), rc('d1', 200), rc('d2', 300), rc('d3', 400), rc('k1', 500)]);
    await r.open();
    expect(r.roomChanges).not.toHaveBeenCalled();
    const changes: RcRoomChanges = { updated: [rc('e1', 100, 'final', { editedAt: 900, updatedAt: 900 })], deleted: ['d1', 'd2', 'd3'] };
    r.roomChanges.mockResolvedValueOnce(changes);
    const reopened = await r.open();
    expect(reopened.messages.map((m) => m.id)).toEqual(['e1', 'k1']);
    expect(reopened.messages[0]).toMatchObject({ text: 'final', editedAt: 900 });
    expect(r.removed()).toEqual(['d1', 'd2', 'd3']);
    expect(r.t.shown().at(-1)).toMatchObject({ id: 'e1', text: 'final' });
    await r.open();
    expect(r.roomChanges).toHaveBeenCalledTimes(2);
    expect(r.history).toHaveBeenCalledTimes(1);
  });

  it("a deletion the server keeps as t: 'rm' becomes 'Message deleted'", async () => {
    const r = opened([rc('r1', 100, 'soon gone')]);
    await r.open();
    r.roomChanges.mockResolvedValueOnce({ updated: [rc('r1', 100, '', { type: 'rm', updatedAt: 900 })], deleted: [] });
    expect((await r.open()).messages).toEqual([expect.objectContaining({ id: 'r1', kind: 'deleted' })]);
  });

  it('private rows stay: their deletion is not applied and their "edit" is ignored with the notice', async () => {
    const r = opened([]);
    r.t.listener().privateMessage(DM.id, { id: 'p1', text: 'only for you', ts: 500, keyAccepted: true });
    await r.open(DM.id);
    r.roomChanges.mockResolvedValueOnce({ updated: [rc('p1', 500, 'rewritten', { roomId: DM.id, editedAt: 900, updatedAt: 900 })], deleted: ['p1'] });
    const reopened = await r.open(DM.id);
    expect(reopened.messages.find((m) => m.id === 'p1')).toMatchObject({ kind: 'private', text: 'only for you' });
    expect(r.removed()).toEqual([]);
    expect(reopened.messages.some((m) => m.notice === 'edit-ignored')).toBe(true);
    expect(JSON.stringify(r.t.events)).not.toContain('rewritten');
  });

  it('without messages/get: a row within the re-read newest page that the page lacks is gone; older rows stay', async () => {
    const r = opened([rc('o1', 100), rc('a1', 200, 'draft'), rc('a2', 300), rc('a3', 400)], true);
    await r.open();
    r.roomChanges.mockResolvedValueOnce('unsupported');
    r.history.mockResolvedValueOnce(page([rc('a1', 200, 'final', { editedAt: 900, updatedAt: 900 }), rc('a3', 400)], true));
    const reopened = await r.open();
    expect(r.history).toHaveBeenLastCalledWith(CHANNEL.id, { limit: 50 });
    expect(reopened.messages.map((m) => m.id)).toEqual(['o1', 'a1', 'a3']);
    expect(reopened.messages[1]).toMatchObject({ text: 'final', editedAt: 900 });
    expect(r.removed()).toEqual(['a2']);
  });

  it('without messages/get: a message that arrives while the page is read is not taken for deleted', async () => {
    const r = opened([rc('a1', 200)]);
    await r.open();
    r.roomChanges.mockResolvedValueOnce('unsupported');
    r.history.mockImplementationOnce(async () => {
      r.t.redeliver(rc('n1', 900, 'new'));
      return page([rc('a1', 200)]);
    });
    expect((await r.open()).messages.map((m) => m.id)).toEqual(['a1', 'n1']);
    expect(r.removed()).toEqual([]);
  });

  it('a failed call leaves the room as it was and still opens it', async () => {
    const r = opened([rc('k1', 100)]);
    await r.open();
    r.roomChanges.mockRejectedValueOnce(new Error('disconnected'));
    expect((await r.open()).messages.map((m) => m.id)).toEqual(['k1']);
  });
});
