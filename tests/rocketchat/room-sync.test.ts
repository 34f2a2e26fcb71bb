// The reopen call: `messages/get` from the time the room was left less the clock-skew margin, refusals of the
// rate limiter waited out like the catch-up's, and a server without the method told apart from other failures.
import { describe, expect, it } from 'vitest';
import { DdpMethodError } from '../../src/main/rocketchat/ddp-connection.js';
import { CLOCK_SKEW_MARGIN_MS, fetchRoomChanges } from '../../src/main/rocketchat/room-sync.js';
import { ManualClock, recordingLogger } from './helpers.js';

const answer = {
  updated: [{ _id: 'e1', rid: 'r1', msg: 'edited', ts: new Date(100), u: { _id: 'u2', username: 'bob' }, _updatedAt: new Date(900), editedAt: new Date(900) }],
  deleted: [{ _id: 'd1', _deletedAt: new Date(800) }],
};

describe('fetchRoomChanges', () => {
  it('asks messages/get from the time the room was left, less the skew margin, and waits out a rate-limit refusal', async () => {
    const clock = new ManualClock();
    const calls: unknown[][] = [];
    let refusals = 1;
    const call = (method: string, params: unknown[]) => {
      calls.push([method, ...params]);
      if (refusals-- > 0) return Promise.reject(new DdpMethodError({ error: 'too-many-requests', details: { timeToReset: 1000 } }));
      return Promise.resolve(answer);
    };
    const found = fetchRoomChanges(call, clock, recordingLogger(), 'r1', 50_000_000);
    await clock.advance(1000);
    await clock.advance(1000);
    const changes = await found;
    expect(changes).toEqual({ updated: [expect.objectContaining({ id: 'e1', text: 'edited', editedAt: 900 })], deleted: ['d1'] });
    expect(calls).toHaveLength(2);
    expect(calls[0]).toEqual(['messages/get', 'r1', { lastUpdate: new Date(50_000_000 - CLOCK_SKEW_MARGIN_MS) }]);
  });

  it("says 'unsupported' for a server without messages/get and passes other refusals on", async () => {
    const clock = new ManualClock();
    const refusing = (error: string | number) => () => Promise.reject(new DdpMethodError({ error, reason: 'x' }));
    expect(await fetchRoomChanges(refusing(404), clock, recordingLogger(), 'r1', 0)).toBe('unsupported');
    await expect(fetchRoomChanges(refusing('error-not-allowed'), clock, recordingLogger(), 'r1', 0)).rejects.toBeInstanceOf(DdpMethodError);
  });
});
