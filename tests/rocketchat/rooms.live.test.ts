import { describe, expect, it } from 'vitest';
import type { User } from '../../src/contract/model.js';
import { liveScope, until } from './live-helpers.js';

const live = liveScope();

describe('rooms, people and presence against the local server', () => {
  it('finds people, opens a DM, counts unread messages and clears them on markRead', async () => {
    const server = await live.start();
    const bob = await live.signedIn(server, 'bob');
    const alice = await live.signedIn(server, 'alice');
    const found = await alice.client.searchUsers('bo');
    expect(found.map((u) => u.username)).toEqual(['bob']);
    expect(found[0]?.presence).toBe('online');
    expect((await alice.client.searchUsers('alice')).map((u) => u.username)).toEqual([]);

    const room = await alice.client.createDirect('bob');
    expect(room).toEqual(expect.objectContaining({ type: 'd', name: 'bob', unread: 0 }));
    expect(room.peer).toEqual(expect.objectContaining({ username: 'bob' }));
    // bob came online before alice signed in: his presence is asked for when the DM appears.
    await until(() => alice.client.rooms().find((r) => r.id === room.id)?.peer?.presence === 'online', 'bob shown online');
    expect(await alice.client.createDirect('bob')).toEqual(expect.objectContaining({ id: room.id }));

    await until(() => bob.client.rooms().some((r) => r.id === room.id), 'bob to see the DM');
    await Promise.all([0, 1, 2].map((i) => bob.client.send(room.id, `unread ${i}`).confirmed));
    await until(() => alice.client.rooms().find((r) => r.id === room.id)?.unread === 3, 'three unread');
    await alice.client.markRead(room.id);
    expect(alice.client.rooms().find((r) => r.id === room.id)?.unread).toBe(0);
  });

  it("shows a DM peer going offline when they sign out", async () => {
    const server = await live.start();
    const alice = await live.signedIn(server, 'alice');
    const bob = await live.signedIn(server, 'bob');
    const room = await alice.client.createDirect('bob');
    const seen: User[] = [];
    alice.client.onPresence((user) => seen.push(user));
    await bob.client.logout();
    await until(() => alice.client.rooms().find((r) => r.id === room.id)?.peer?.presence === 'offline', 'bob offline');
    expect(seen).toContainEqual(expect.objectContaining({ username: 'bob', presence: 'offline' }));
  });
});
