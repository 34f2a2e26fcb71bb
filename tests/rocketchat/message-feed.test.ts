import { describe, expect, it } from 'vitest';
import { MessageFeed } from '../../src/main/rocketchat/message-feed.js';
import type { RcMessage } from '../../src/main/rocketchat/types.js';
import { recordingLogger } from './helpers.js';

const msg = (id: string, ts: number): RcMessage => ({ id, roomId: 'r1', text: id, ts, author: { id: 'u', username: 'a' } });

describe('MessageFeed', () => {
  it('delivers a message id once, however often it arrives', () => {
    const feed = new MessageFeed(recordingLogger(), 100);
    const seen: string[] = [];
    feed.messages.on((_room, m, delivery) => seen.push(`${m.id}:${delivery.live}`));
    feed.live(msg('a', 1));
    feed.live(msg('a', 1));
    feed.hold('reconnect');
    feed.live(msg('b', 3));
    feed.release('reconnect', [msg('a', 1), msg('b', 3)]);
    expect(seen).toEqual(['a:true', 'b:true']);
  });

  it('delivers a re-sent _id again when it is a newer state (edit, reaction), marked as an update; an older or the same state not', () => {
    const feed = new MessageFeed(recordingLogger(), 100);
    const seen: string[] = [];
    feed.messages.on((_room, m, delivery) => seen.push(`${m.text}:${delivery.update === true}`));
    feed.live({ ...msg('a', 1), updatedAt: 1 });
    feed.live({ ...msg('a', 1), text: 'edited', editedAt: 5, updatedAt: 5 });
    feed.live({ ...msg('a', 1), text: 'edited', editedAt: 5, updatedAt: 5 });
    feed.live({ ...msg('a', 1), text: 'stale', updatedAt: 3 });
    expect(seen).toEqual(['a:false', 'edited:true']);
  });

  it('during a catch-up, holds the stream back so missed (older) messages come first', () => {
    const feed = new MessageFeed(recordingLogger(), 100);
    const seen: string[] = [];
    feed.messages.on((_room, m) => seen.push(m.id));
    feed.hold('reconnect');
    feed.hold('room:r2');
    feed.live(msg('new1', 10));
    feed.release('room:r2', [msg('x', 4)]);
    feed.live(msg('new2', 11));
    expect(seen).toEqual([]);
    feed.release('reconnect', [msg('old2', 6), msg('old1', 5), msg('new1', 10)]);
    expect(seen).toEqual(['x', 'old1', 'old2', 'new1', 'new2']);
  });

  it("a room's catch-up holds back only that room's stream messages: another DM's live traffic goes on", () => {
    const feed = new MessageFeed(recordingLogger(), 100);
    const seen: string[] = [];
    feed.messages.on((_room, m) => seen.push(m.id));
    const inRoom = (id: string, roomId: string, ts: number): RcMessage => ({ ...msg(id, ts), roomId });
    feed.hold('room:r2', 'r2');
    feed.live(inRoom('r2-live', 'r2', 10));
    feed.live(inRoom('r1-live', 'r1', 11));
    expect(seen).toEqual(['r1-live']);
    feed.release('room:r2', [inRoom('r2-missed', 'r2', 5)]);
    expect(seen).toEqual(['r1-live', 'r2-missed', 'r2-live']);
  });

  it('a listener that throws does not stop the others', () => {
    const feed = new MessageFeed(recordingLogger(), 100);
    const seen: string[] = [];
    feed.messages.on(() => {
      throw new Error('boom');
    });
    feed.messages.on((_room, m) => seen.push(m.id));
    feed.live(msg('a', 1));
    expect(seen).toEqual(['a']);
  });
});
