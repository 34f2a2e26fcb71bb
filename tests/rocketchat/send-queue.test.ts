import { describe, expect, it } from 'vitest';
import { rcError, type RcError } from '../../src/main/rocketchat/errors.js';
import { DdpMethodError } from '../../src/main/rocketchat/ddp-connection.js';
import { SendQueue } from '../../src/main/rocketchat/send-queue.js';
import { flush, ManualClock } from './helpers.js';

type Reply = { ok: true } | { ok: false; error: Error } | { hang: true } | { empty: true; notice?: string; stored?: boolean }
  | { ok: false; error: Error; stored: true };

function setup(script: (text: string, attempt: number) => Reply) {
  const clock = new ManualClock();
  const wire: string[] = [];
  const attempts = new Map<string, number>();
  let online = true;
  let onlineWaiters: (() => void)[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  /** What the server stored, by id: what a confirmation finds on the stream or in history. */
  const stored = new Map<string, { id: string; roomId: string; text: string; ts: number; author: { id: string; username: string } }>();
  const store = (id: string, roomId: string, text: string) => stored.set(id, { id, roomId, text, ts: clock.now(), author: { id: 'me', username: 'me' } });
  const queue: SendQueue = new SendQueue({
    clock,
    confirm: (_roomId, id) => Promise.resolve(stored.get(id)),
    whenOnline: () => (online ? Promise.resolve() : new Promise<void>((resolve) => onlineWaiters.push(resolve))),
    call: async (_method, [message]) => {
      const { _id, rid, msg } = message as { _id: string; rid: string; msg: string };
      const attempt = (attempts.get(_id) ?? 0) + 1;
      attempts.set(_id, attempt);
      wire.push(msg);
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await flush(2);
      inFlight--;
      const reply = script(msg, attempt);
      if ('hang' in reply) return new Promise(() => undefined);
      if ('empty' in reply) {
        if (reply.stored) store(_id, rid, msg);
        if (reply.notice) queue.refusedByNotice(rid, reply.notice);
        return undefined;
      }
      if ('stored' in reply) store(_id, rid, msg);
      if (!reply.ok) throw reply.error;
      store(_id, rid, msg);
      return { _id, rid, msg, ts: new Date(clock.now()), u: { _id: 'me', username: 'me' } };
    },
  });
  return {
    queue, clock, wire, maxInFlight: () => maxInFlight,
    setOnline(value: boolean) {
      online = value;
      if (value) {
        for (const resolve of onlineWaiters) resolve();
        onlineWaiters = [];
      }
    },
  };
}

const ids = Array.from({ length: 20 }, (_, i) => `AAAAAAAAAAAAAA${String(i).padStart(3, '0')}`);

describe('SendQueue', () => {
  it('sends one at a time, in order', async () => {
    const t = setup(() => ({ ok: true }));
    const done = ids.slice(0, 10).map((id, i) => t.queue.enqueue('r1', `m${i}`, id));
    const confirmed = await Promise.all(done);
    expect(confirmed.map((m) => m.text)).toEqual(ids.slice(0, 10).map((_, i) => `m${i}`));
    expect(t.wire).toEqual(confirmed.map((m) => m.text));
    expect(t.maxInFlight()).toBe(1);
  });

  it('waits out a rate limit (timeToReset) and then sends the same message again, keeping the order', async () => {
    const t = setup((text, attempt) => (text === 'm2' && attempt === 1
      ? { ok: false, error: new DdpMethodError({ error: 'too-many-requests', details: { timeToReset: 800 } }) }
      : { ok: true }));
    const done = Promise.all(ids.slice(0, 4).map((id, i) => t.queue.enqueue('r1', `m${i}`, id)));
    await flush();
    expect(t.wire).toEqual(['m0', 'm1', 'm2']);
    await t.clock.advance(799);
    expect(t.wire).toEqual(['m0', 'm1', 'm2']);
    await t.clock.advance(1);
    expect((await done).map((m) => m.text)).toEqual(['m0', 'm1', 'm2', 'm3']);
    expect(t.wire).toEqual(['m0', 'm1', 'm2', 'm2', 'm3']);
  });

  it('keeps a send that met a disconnect and repeats it (same id) once back online', async () => {
    const t = setup((text, attempt) => (text === 'm1' && attempt === 1 ? { ok: false, error: rcError('disconnected') } : { ok: true }));
    const first = t.queue.enqueue('r1', 'm0', ids[0]!);
    await first;
    t.setOnline(true);
    const second = t.queue.enqueue('r1', 'm1', ids[1]!);
    const third = t.queue.enqueue('r1', 'm2', ids[2]!);
    expect((await Promise.all([second, third])).map((m) => m.id)).toEqual([ids[1], ids[2]]);
    expect(t.wire).toEqual(['m0', 'm1', 'm1', 'm2']);
  });

  it('gives up only on errors a repeat cannot fix, and goes on with the next message', async () => {
    const t = setup((text) => (text === 'too long'
      ? { ok: false, error: new DdpMethodError({ error: 'error-message-size-exceeded' }) }
      : { ok: true }));
    const failed = t.queue.enqueue('r1', 'too long', ids[0]!).catch((e: RcError) => e.code);
    const next = t.queue.enqueue('r1', 'fine', ids[1]!);
    expect(await failed).toBe('message-too-long');
    expect((await next).text).toBe('fine');
  });

  it('confirms a resend after a dropped socket that the server answers with nothing (the message is stored)', async () => {
    const t = setup((text, attempt) => (attempt === 1 ? { ok: false, error: rcError('disconnected'), stored: true } : { empty: true }));
    const confirmed = await t.queue.enqueue('r1', 'hello', ids[0]!);
    expect(confirmed).toMatchObject({ id: ids[0], text: 'hello' });
    expect(t.wire).toEqual(['hello', 'hello']);
  });

  it("fails a send the server dropped with an ephemeral notice, with the server's reason", async () => {
    const reason = "You can't send messages because the room is readonly.";
    const t = setup((text) => (text === 'ro' ? { empty: true, notice: reason } : { ok: true }));
    const failed = await t.queue.enqueue('r1', 'ro', ids[0]!).catch((e: RcError) => e.info);
    expect(failed).toEqual({ code: 'room-read-only', detail: reason });
    expect((await t.queue.enqueue('r1', 'next', ids[1]!)).text).toBe('next');
    expect(t.wire).toEqual(['ro', 'next']);
  });

  it('fails a send answered with nothing that never shows up, without repeating it', async () => {
    const t = setup(() => ({ empty: true }));
    expect(await t.queue.enqueue('r1', 'vanished', ids[0]!).catch((e: RcError) => e.code)).toBe('not-confirmed');
    expect(t.wire).toEqual(['vanished']);
  });

  it('marks a send failed after a bounded number of repeats instead of retrying forever', async () => {
    const t = setup(() => ({ ok: false, error: rcError('timeout') }));
    expect(await t.queue.enqueue('r1', 'stuck', ids[0]!).catch((e: RcError) => e.code)).toBe('not-confirmed');
    expect(t.wire.length).toBe(9);
  });

  it('can discard a queued send that has not gone out', async () => {
    const t = setup(() => ({ ok: true }));
    t.setOnline(false);
    const kept = t.queue.enqueue('r1', 'keep', ids[0]!);
    const dropped = t.queue.enqueue('r1', 'drop', ids[1]!).catch((e: RcError) => e.code);
    expect(t.queue.discard(ids[1]!)).toBe(true);
    expect(await dropped).toBe('invalid-request');
    t.setOnline(true);
    await kept;
    expect(t.wire).toEqual(['keep']);
  });
});
