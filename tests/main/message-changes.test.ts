// What the chat service does with messages after they were shown: edits, reactions, deletions, system lines,
// and the OTR invariant (nothing of a private chat is edited by the server or reacted to by us).
import { describe, expect, it } from 'vitest';
import type { Message } from '../../src/contract/model.js';
import type { RcMessage } from '../../src/main/rocketchat/types.js';
import { BOB, CHANNEL, DM, setup } from './chat-fakes.js';

const rcMessage = (over: Partial<RcMessage> & { id: string }): RcMessage => ({
  roomId: CHANNEL.id, text: 'text', ts: 500, author: BOB, ...over,
});

describe('message changes in the chat service', () => {
  it('an edit replaces the text in place and carries editedAt; a reaction re-send shows counts and who', () => {
    const t = setup();
    t.deliver(CHANNEL.id, 'first draft', true, BOB, 'e1');
    t.redeliver(rcMessage({ id: 'e1', text: 'final *text*', editedAt: 900, updatedAt: 900 }));
    expect(t.shown().at(-1)).toMatchObject({ id: 'e1', kind: 'text', text: 'final *text*', editedAt: 900 });
    expect(t.shown().at(-1)?.body).toEqual([{ t: 'p', c: [{ t: 'text', v: 'final ' }, { t: 'bold', c: [{ t: 'text', v: 'text' }] }] }]);
    t.redeliver(rcMessage({ id: 'e1', text: 'final *text*', editedAt: 900, updatedAt: 950, reactions: [{ emoji: ':thumbsup:', usernames: ['alice', 'bob'] }] }));
    expect(t.shown().at(-1)?.reactions).toEqual([{ emoji: ':thumbsup:', usernames: ['alice', 'bob'] }]);
    expect(t.shown().filter((m) => m.id === 'e1')).toHaveLength(3);
  });

  it('an edit of a private message is ignored and said once; the private text stays', () => {
    const t = setup();
    t.listener().privateMessage(DM.id, { id: 'p1', text: 'only for you', ts: 500, keyAccepted: true });
    const edit = rcMessage({ id: 'p1', roomId: DM.id, text: 'rewritten by the server', editedAt: 900, updatedAt: 900 });
    t.redeliver(edit);
    t.redeliver({ ...edit, updatedAt: 901 });
    const shown = t.shown();
    expect(shown.filter((m) => m.id === 'p1')).toEqual([expect.objectContaining({ kind: 'private', text: 'only for you' })]);
    expect(shown.filter((m) => m.notice === 'edit-ignored')).toHaveLength(1);
    expect(JSON.stringify(shown)).not.toContain('rewritten by the server');
  });

  it('an edit in a plain room that carries OTR wire text is not shown', () => {
    const t = setup();
    t.deliver(CHANNEL.id, 'hello', true, BOB, 'w1');
    t.redeliver(rcMessage({ id: 'w1', text: '?OTR:AAMDabc.', editedAt: 900, updatedAt: 900 }));
    expect(t.shown().filter((m) => m.id === 'w1').map((m) => m.text)).toEqual(['hello']);
  });

  it('deletions remove rows: by id, and by time range and author as retention does; private rows stay', () => {
    const t = setup();
    t.deliver(CHANNEL.id, 'one', true, BOB, 'd1');
    t.deliver(CHANNEL.id, 'two', true, BOB, 'd2');
    t.listener().privateMessage(DM.id, { id: 'p2', text: 'private', ts: 1000, keyAccepted: true });
    t.deleted(CHANNEL.id, { ids: ['d1'] });
    t.deleted(DM.id, { ids: ['p2'] });
    t.deleted(CHANNEL.id, { ids: [], range: { from: 0, to: Number.MAX_SAFE_INTEGER, usernames: ['carol'] } });
    const removed = () => t.events.filter((e) => e.name === 'chat.removed').map((e) => e.payload);
    expect(removed()).toEqual([{ roomId: CHANNEL.id, id: 'd1' }]);
    t.deleted(CHANNEL.id, { ids: [], range: { from: 0, to: Number.MAX_SAFE_INTEGER, usernames: ['bob'] } });
    expect(removed()).toEqual([{ roomId: CHANNEL.id, id: 'd1' }, { roomId: CHANNEL.id, id: 'd2' }]);
  });

  it("t: 'rm' (Show deleted status) turns the row into 'Message deleted', live and in history", () => {
    const t = setup();
    t.deliver(CHANNEL.id, 'soon gone', true, BOB, 'r1');
    t.redeliver(rcMessage({ id: 'r1', text: '', type: 'rm', updatedAt: 900 }));
    expect(t.shown().at(-1)).toMatchObject({ id: 'r1', kind: 'deleted', text: '' });
    // A message first met as already deleted (history, or a room opened later).
    t.redeliver(rcMessage({ id: 'r2', text: '', type: 'rm', updatedAt: 900 }));
    expect(t.shown().at(-1)).toMatchObject({ id: 'r2', kind: 'deleted', text: '' });
  });

  it('system messages become system lines with who, to whom and the new value; unknown types are not shown', () => {
    const t = setup();
    const system = (id: string, type: string, text: string) => t.redeliver(rcMessage({ id, type, text }));
    system('s1', 'au', 'carol');
    system('s2', 'room_changed_topic', 'New topic');
    system('s3', 'some-future-type', 'x');
    const lines = t.shown().filter((m): m is Message & { system: object } => m.kind === 'system');
    expect(lines.map((m) => m.system)).toEqual([
      { type: 'au', actor: 'bob', target: 'carol' },
      { type: 'room_changed_topic', actor: 'bob', value: 'New topic' },
    ]);
    expect(lines.every((m) => m.text === '' && m.body === undefined)).toBe(true);
  });

  it('reacts to plain room messages only: never to a private message, nor in a DM whose chat is private', async () => {
    const t = setup();
    t.deliver(CHANNEL.id, 'like me', true, BOB, 'c1');
    expect(await t.service.handlers['chat.react'](CHANNEL.id, 'c1', ':thumbsup:')).toEqual({ ok: true, value: null });
    expect(t.rc.react).toHaveBeenCalledWith('c1', ':thumbsup:');

    t.listener().privateMessage(DM.id, { id: 'p3', text: 'private', ts: 600, keyAccepted: true });
    expect(await t.service.handlers['chat.react'](DM.id, 'p3', ':thumbsup:')).toEqual({ ok: false, error: { code: 'not-allowed' } });

    t.deliver(DM.id, 'plain before the private chat', true, BOB, 'dm1');
    expect(await t.service.handlers['chat.react'](DM.id, 'dm1', ':heart:')).toEqual({ ok: true, value: null });
    t.sessions.start(DM.id);
    expect(t.sessions.view(DM.id).phase).not.toBe('idle');
    expect(await t.service.handlers['chat.react'](DM.id, 'dm1', ':heart:')).toEqual({ ok: false, error: { code: 'not-allowed' } });
    expect(t.rc.react).toHaveBeenCalledTimes(2);
  });
});
