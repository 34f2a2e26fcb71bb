// The catch-up marks: a room's "complete up to" mark moves only after its fetch really succeeded, so a refused or
// failed catch-up never skips a message, and live messages of a stale room do not move it either.
import { describe, expect, it } from 'vitest';
import { CatchUp } from '../../src/main/rocketchat/catch-up.js';
import { DdpMethodError } from '../../src/main/rocketchat/ddp-connection.js';
import { RoomDirectory } from '../../src/main/rocketchat/rooms.js';
import { ManualClock, recordingLogger } from './helpers.js';

const ROOM = 'r1';

/** Stored messages of ROOM at these timestamps; loadHistory answers newest first, before `end`. */
function server(times: number[]) {
  let refusals = 0;
  const history = (params: unknown[]) => {
    const end = params[1] instanceof Date ? params[1].getTime() : Infinity;
    const limit = Number(params[2]);
    const messages = times.filter((ts) => ts < end).sort((a, b) => b - a).slice(0, limit)
      .map((ts) => ({ _id: `m${ts}`, rid: ROOM, msg: 'x', ts: new Date(ts), u: { _id: 'u2', username: 'bob' } }));
    return { messages, unreadNotLoaded: 0 };
  };
  return {
    refuse(n: number) {
      refusals = n;
    },
    call: (method: string, params: unknown[]): Promise<unknown> => {
      if (method !== 'loadHistory') return Promise.reject(new Error(method));
      if (refusals > 0) {
        refusals -= 1;
        return Promise.reject(new DdpMethodError({ error: 'too-many-requests', details: { timeToReset: 1000 } }));
      }
      return Promise.resolve(history(params));
    },
  };
}

function setup() {
  const clock = new ManualClock();
  const rooms = new RoomDirectory('me');
  rooms.applySubscriptions([{ _id: 's1', rid: ROOM, t: 'c', name: 'general', ts: new Date(10), _updatedAt: new Date(10) }]);
  rooms.applyRooms([{ _id: ROOM, t: 'c', lm: new Date(100), _updatedAt: new Date(100) }]);
  const catchUp = new CatchUp({ rooms, clock, logger: recordingLogger(), pageSize: 100, maxPerRoom: 2000 });
  catchUp.baseline();
  return { clock, rooms, catchUp };
}

describe('CatchUp', () => {
  it('a catch-up refused past its retries leaves the room stale at the same mark; the next one fetches everything', async () => {
    const t = setup();
    const s = server([100, 200, 300, 400]);
    t.rooms.applyRooms([{ _id: ROOM, t: 'c', lm: new Date(400), _updatedAt: new Date(400) }]);
    expect(t.catchUp.findStale()).toEqual([ROOM]);
    s.refuse(100);
    const failed = t.catchUp.fetch(s.call, ROOM).then(() => 'resolved', () => 'rejected');
    for (let i = 0; i < 10; i++) await t.clock.advance(1000);
    expect(await failed).toBe('rejected');
    expect(t.catchUp.isStale(ROOM)).toBe(true);
    s.refuse(0);
    const found = await t.catchUp.fetch(s.call, ROOM);
    expect(found.map((m) => m.id)).toEqual(['m200', 'm300', 'm400']);
    expect(t.catchUp.isStale(ROOM)).toBe(false);
  });

  it('waits out too-many-requests (timeToReset) and then succeeds', async () => {
    const t = setup();
    const s = server([100, 250]);
    t.rooms.applyRooms([{ _id: ROOM, t: 'c', lm: new Date(250), _updatedAt: new Date(250) }]);
    t.catchUp.findStale();
    s.refuse(2);
    const found = t.catchUp.fetch(s.call, ROOM);
    for (let i = 0; i < 3; i++) await t.clock.advance(1000);
    expect((await found).map((m) => m.id)).toEqual(['m250']);
  });

  it('a live message of a stale room does not move its mark: the catch-up still fetches what came before it', async () => {
    const t = setup();
    const s = server([100, 200, 300, 500]);
    t.rooms.applyRooms([{ _id: ROOM, t: 'c', lm: new Date(300), _updatedAt: new Date(300) }]);
    t.catchUp.findStale();
    t.catchUp.delivered(ROOM, 500);
    const found = await t.catchUp.fetch(s.call, ROOM);
    expect(found.map((m) => m.id)).toEqual(['m200', 'm300', 'm500']);
  });

  it('what was there at sign-in is history: a catch-up later never brings back the last message of then as a new one', async () => {
    const t = setup();
    const s = server([50, 100, 150]);
    t.rooms.applyRooms([{ _id: ROOM, t: 'c', lm: new Date(150), _updatedAt: new Date(150) }]);
    expect(t.catchUp.findStale()).toEqual([ROOM]);
    expect((await t.catchUp.fetch(s.call, ROOM)).map((m) => m.id)).toEqual(['m150']);
  });

  it('a complete room follows live messages and has nothing to fetch', async () => {
    const t = setup();
    t.catchUp.delivered(ROOM, 300);
    t.rooms.applyRooms([{ _id: ROOM, t: 'c', lm: new Date(300), _updatedAt: new Date(300) }]);
    expect(t.catchUp.findStale()).toEqual([]);
    expect(await t.catchUp.fetch(server([]).call, ROOM)).toEqual([]);
  });
});
