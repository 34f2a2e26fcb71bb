// The chat service is the last stop before the renderer: these check what it lets through.
import { describe, expect, it, vi } from 'vitest';
import { encode } from '../otr-flow/fakes/fake-engine.js';
import { BOB, CHANNEL, DM, ME, setup, WHITESPACE_TAG } from './chat-fakes.js';

describe('chat service', () => {
  it('shows plain text, hides OTR traffic, and shows unreadable ciphertext only as a placeholder', () => {
    const { deliver, shown } = setup();
    deliver(DM.id, 'hello');
    deliver(DM.id, '?OTRv3?\nbob wants…');
    deliver(DM.id, encode(0x03, { text: 'ciphertext' }));
    expect(shown().map((m) => [m.kind, m.text])).toEqual([['text', 'hello'], ['unreadable-private', '']]);
    expect(JSON.stringify(shown())).not.toContain('?OTR');
  });

  it('channels and rooms not listed yet get the same classification: no OTR text reaches the renderer', () => {
    const { deliver, shown } = setup();
    for (const roomId of [CHANNEL.id, 'not-listed-yet']) {
      deliver(roomId, '?OTRv3?\nbob wants…');
      deliver(roomId, encode(0x03, { text: 'ciphertext' }));
      deliver(roomId, `?OTR|00000100|00000200,1,2,${encode(0x03, { text: 'x' })},`);
      deliver(roomId, '?OTR Error: their words');
      deliver(roomId, `tagged${WHITESPACE_TAG}`);
    }
    expect(JSON.stringify(shown())).not.toContain('?OTR');
    expect(shown().map((m) => [m.roomId, m.kind, m.text])).toEqual(
      [CHANNEL.id, 'not-listed-yet'].flatMap((roomId) => [
        [roomId, 'unreadable-private', ''],
        [roomId, 'unreadable-private', ''],
        [roomId, 'peer-otr-error', 'their words'],
        [roomId, 'text', 'tagged'],
      ]),
    );
  });

  it('plain text from the peer while the DM is becoming private is marked unencrypted, never shown like the rest', () => {
    const { deliver, shown, sessions } = setup();
    sessions.start(DM.id);
    deliver(DM.id, encode(0x02, { fp: 'B2'.repeat(20), token: 't' }));
    expect(sessions.view(DM.id).phase).toBe('handshaking');
    deliver(DM.id, `sneaked in${WHITESPACE_TAG}`);
    expect(shown().map((m) => [m.kind, m.text])).toEqual([['unencrypted', 'sneaked in']]);
  });

  it("the peer's own OTR error words are shown as its message, quoted, never hidden in a dialog", () => {
    const { deliver, shown } = setup();
    deliver(DM.id, '?OTR Error: Your client is too old.');
    deliver(DM.id, '?OTR Error:The Off-the-Record chat request was withdrawn.');
    deliver(DM.id, '?OTR Error: The Off-the-Record chat request was declined.');
    expect(shown()).toEqual([expect.objectContaining({ kind: 'peer-otr-error', text: 'Your client is too old.', author: expect.objectContaining({ id: BOB.id }) })]);
  });

  it('never sends channel text through the OTR side, and DM text only after asking it', () => {
    const { deliver, rooms } = setup();
    deliver(CHANNEL.id, 'in the channel');
    expect(rooms.incoming).not.toHaveBeenCalled();
    deliver(DM.id, 'in the DM');
    expect(rooms.incoming).toHaveBeenCalledWith(DM.id, expect.objectContaining({ text: 'in the DM', live: true, fromMe: false }));
  });

  it('shows decrypted private messages from the peer as private, with the peer as author', () => {
    const { listener, shown } = setup();
    listener().privateMessage(DM.id, { id: 'w1', text: 'secret words', ts: 700, keyAccepted: true });
    expect(shown()).toEqual([expect.objectContaining({ id: 'w1', kind: 'private', text: 'secret words', own: false, author: expect.objectContaining({ id: BOB.id }) })]);
  });

  it('shows a message under a changed key the user has not accepted as not private', () => {
    const { listener, shown } = setup();
    listener().privateMessage(DM.id, { id: 'w2', text: 'trust me', ts: 700, keyAccepted: false });
    expect(shown()).toEqual([expect.objectContaining({ id: 'w2', kind: 'unaccepted-key', text: 'trust me' })]);
  });

  it('hands DM text to the OTR side when private, and never also sends it in plaintext', async () => {
    const { service, sent, shown } = setup({ sendVerdict: { kind: 'private', status: 'queued' } });
    const result = await service.handlers['chat.send'](DM.id, 'typed during the handshake');
    expect(result).toMatchObject({ ok: true, value: { kind: 'private', status: 'queued', own: true } });
    expect(sent).toEqual([]);
    expect(shown().at(-1)).toMatchObject({ kind: 'private', status: 'queued' });
  });

  it('refuses to send when the OTR side blocks, with its reason', async () => {
    const { service, sent } = setup({ sendVerdict: { kind: 'blocked', error: { code: 'otr-blocked' } } });
    expect(await service.handlers['chat.send'](DM.id, 'hi')).toEqual({ ok: false, error: { code: 'otr-blocked' } });
    expect(sent).toEqual([]);
  });

  it('a plain send is pending, then sent when the server confirms; a failure can be retried with the same id', async () => {
    const { service, sent, shown, confirm, fail } = setup();
    const result = await service.handlers['chat.send'](CHANNEL.id, 'hello all');
    if (!result.ok) throw new Error('send failed');
    expect(result.value.status).toBe('pending');
    fail(Object.assign(new Error('x'), {}));
    await vi.waitFor(() => expect(shown().at(-1)).toMatchObject({ id: result.value.id, status: 'failed' }));
    await service.handlers['chat.retry'](CHANNEL.id, result.value.id);
    expect(sent.map((s) => s.id)).toEqual([result.value.id, result.value.id]);
    confirm({ id: result.value.id, roomId: CHANNEL.id, text: 'hello all', ts: 900, author: ME });
    await vi.waitFor(() => expect(shown().at(-1)).toMatchObject({ id: result.value.id, status: 'sent', ts: 900 }));
  });

  it('retrying an old plain DM message follows the room as it is now: encrypted when private, refused when blocked', async () => {
    const ctx = setup();
    const first = await ctx.service.handlers['chat.send'](DM.id, 'written before the private chat');
    const second = await ctx.service.handlers['chat.send'](DM.id, 'also written before');
    if (!first.ok || !second.ok) throw new Error('send failed');
    ctx.fail(new Error('x'));
    await vi.waitFor(() => expect(ctx.shown().at(-1)).toMatchObject({ id: second.value.id, status: 'failed' }));
    ctx.rooms.send.mockReturnValue({ kind: 'private', status: 'pending' });
    expect(await ctx.service.handlers['chat.retry'](DM.id, second.value.id)).toMatchObject({ ok: true, value: { kind: 'private', status: 'pending' } });
    expect(ctx.rooms.send).toHaveBeenLastCalledWith(DM.id, second.value.id, 'also written before');
    expect(ctx.sent.map((s) => s.text)).toEqual(['written before the private chat', 'also written before']);

    ctx.listener().outgoingStatus(DM.id, second.value.id, 'failed', { code: 'otr-no-session' });
    ctx.rooms.send.mockReturnValue({ kind: 'blocked', error: { code: 'otr-blocked' } });
    expect(await ctx.service.handlers['chat.retry'](DM.id, second.value.id)).toEqual({ ok: false, error: { code: 'otr-blocked' } });
    expect(ctx.sent).toHaveLength(2);
  });

  it('a plain text over the server size limit goes out in parts that each fit, none over it', async () => {
    const t = setup();
    const words = Array.from({ length: 30 }, (_, i) => `w${i}`);
    expect((await t.service.handlers['chat.send'](CHANNEL.id, words.join(' '))).ok).toBe(true);
    expect(t.sent.length).toBeGreaterThan(1);
    expect(t.sent.every((s) => s.text.length <= 40)).toBe(true);
    expect(t.sent.map((s) => s.text).join(' ').split(' ')).toEqual(words);
  });

  it('a DM the server removed ends its OTR session (the OTR side is told once)', () => {
    const t = setup();
    t.roomsChanged([DM, CHANNEL]);
    t.roomsChanged([CHANNEL]);
    t.roomsChanged([CHANNEL]);
    expect(vi.mocked(t.otr.roomRemoved).mock.calls).toEqual([[DM.id]]);
  });

  it('retrying a failed private message never falls back to plaintext', async () => {
    const ctx = setup({ sendVerdict: { kind: 'private', status: 'pending' } });
    const result = await ctx.service.handlers['chat.send'](DM.id, 'private words');
    if (!result.ok) throw new Error('send failed');
    ctx.listener().outgoingStatus(DM.id, result.value.id, 'failed', { code: 'otr-no-session' });
    ctx.rooms.send.mockReturnValue({ kind: 'plaintext' });
    expect(await ctx.service.handlers['chat.retry'](DM.id, result.value.id)).toEqual({ ok: false, error: { code: 'otr-no-session' } });
    expect(ctx.sent).toEqual([]);
  });
});
