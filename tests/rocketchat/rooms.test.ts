import { describe, expect, it } from 'vitest';
import { RoomDirectory } from '../../src/main/rocketchat/rooms.js';
import type { RoomRecord, SubscriptionRecord } from '../../src/main/rocketchat/schemas.js';

const sub = (rid: string, t: string, name: string, extra: Partial<SubscriptionRecord> = {}): SubscriptionRecord =>
  ({ _id: `s-${rid}`, rid, t, name, ...extra }) as SubscriptionRecord;

describe('RoomDirectory', () => {
  it('merges subscriptions and rooms into contract rooms, most recent first, and finds the DM peer', () => {
    const rooms = new RoomDirectory('me');
    rooms.applyRooms([{ _id: 'meyou', t: 'd', uids: ['me', 'you'], lm: new Date(20) } as RoomRecord, { _id: 'c1', t: 'c', lm: new Date(10) } as RoomRecord]);
    rooms.applySubscriptions([sub('c1', 'c', 'general', { unread: 2 }), sub('meyou', 'd', 'you', { fname: 'You There' }), sub('l1', 'l', 'livechat')]);
    expect(rooms.list()).toEqual([
      { id: 'meyou', type: 'd', name: 'you', displayName: 'You There', unread: 0, lastActivityAt: 20, peer: { id: 'you', username: 'you', name: 'You There' } },
      { id: 'c1', type: 'c', name: 'general', displayName: 'general', unread: 2, lastActivityAt: 10 },
    ]);
    rooms.applySubscriptions([], ['s-c1']);
    expect(rooms.roomIds()).toEqual(['meyou']);
  });

  it('does not let an older presence snapshot overwrite a newer live event', () => {
    const rooms = new RoomDirectory('me');
    rooms.applySubscriptions([sub('meyou', 'd', 'you')]);
    const mark = rooms.presenceMark();
    expect(rooms.setPresence('you', 'offline')).toBe(true);
    expect(rooms.setPresenceSnapshot('you', 'online', mark)).toBe(false);
    expect(rooms.get('meyou')?.peer?.presence).toBe('offline');
    expect(rooms.setPresenceSnapshot('you', 'away', rooms.presenceMark())).toBe(true);
    expect(rooms.get('meyou')?.peer?.presence).toBe('away');
  });
});
