// Rocket.Chat's own OTR as the local server models it: present and relay-only on 7.x, gone on 8.x.
import { describe, expect, it } from 'vitest';

import { useDemoServer } from './server-scope.js';

const v7 = useDemoServer({ version: '7.10.0' });
const v7off = useDemoServer({ version: '7.10.0', otrEnable: false });
const v8 = useDemoServer();

const KEY = '{"kty":"EC","crv":"P-256","x":"x","y":"y"}';
const CIPHER = '{"$binary":"AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8="}';

async function restPost(url: string, path: string, auth: { uid: string; token: string }, body: unknown) {
  const response = await fetch(`${url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-user-id': auth.uid, 'x-auth-token': auth.token },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
}

async function publicSetting(scope: typeof v7, id: string) {
  const alice = await scope.login('alice');
  const settings = await alice.ok('public-settings/get') as { _id: string; value: unknown }[];
  return settings.find((s) => s._id === id);
}

describe('7.10.0: Rocket.Chat OTR present', () => {
  it('publishes OTR_Enable (true by default, false with otrEnable: false); 8.x has no such setting', async () => {
    expect(await publicSetting(v7, 'OTR_Enable')).toMatchObject({ value: true });
    expect(await publicSetting(v7off, 'OTR_Enable')).toMatchObject({ value: false });
    expect(await publicSetting(v8, 'OTR_Enable')).toBeUndefined();
  });

  it('delivers handshake/acknowledge/deny/end on <uid>/otr to that user only, never echoed to the writer', async () => {
    const alice = await v7.login('alice');
    const bob = await v7.login('bob');
    const { rid } = await alice.ok('createDirectMessage', 'bob');
    await bob.stream('stream-notify-user', `${bob.uid}/otr`);
    await alice.stream('stream-notify-user', `${alice.uid}/otr`);
    for (const type of ['handshake', 'acknowledge', 'deny', 'end']) {
      const from = bob.mark();
      await alice.ok('stream-notify-user', `${bob.uid}/otr`, type, { roomId: rid, userId: alice.uid, publicKey: KEY });
      expect(await bob.waitForEvent('stream-notify-user', `${bob.uid}/otr`, from)).toEqual([type, { roomId: rid, userId: alice.uid, publicKey: KEY }]);
    }
    // The server checks nothing about the payload: a spoofed userId goes through (receivers must validate).
    const from = bob.mark();
    await alice.ok('stream-notify-user', `${bob.uid}/otr`, 'end', { roomId: 'elsewhere', userId: 'carol' });
    expect(await bob.waitForEvent('stream-notify-user', `${bob.uid}/otr`, from)).toEqual(['end', { roomId: 'elsewhere', userId: 'carol' }]);
    await alice.barrier();
    expect(alice.events('stream-notify-user', `${alice.uid}/otr`)).toEqual([]);
    const refused = await alice.sub('stream-notify-user', `${bob.uid}/otr`, { useCollection: false, args: [] });
    expect(refused).toMatchObject({ msg: 'nosub', error: { error: 'not-allowed' } });
  });

  it('relays t:otr on the room stream without storing it: not in loadHistory, not on __my_messages__, no unread', async () => {
    const alice = await v7.login('alice');
    const bob = await v7.login('bob');
    const { rid } = await alice.ok('createDirectMessage', 'bob');
    await bob.stream('stream-room-messages', rid);
    await bob.stream('stream-room-messages', '__my_messages__');
    await bob.stream('stream-notify-user', `${bob.uid}/subscriptions-changed`);
    const from = bob.mark();
    const stored = v7.server.records.messages().length;
    const sent = await alice.ok('sendMessage', { _id: 'OtrMessageId00001', rid, msg: CIPHER, t: 'otr' });
    expect(sent).toMatchObject({ _id: 'OtrMessageId00001', rid, msg: CIPHER, t: 'otr', u: { _id: alice.uid, username: 'alice', name: expect.any(String) } });
    const [relayed, sender, room] = await bob.waitForEvent('stream-room-messages', rid, from);
    expect(relayed).toEqual(sent);
    expect(sender).toMatchObject({ _id: alice.uid, username: 'alice' });
    expect(room).toMatchObject({ _id: rid, t: 'd' });
    await bob.barrier();
    expect(bob.events('stream-room-messages', '__my_messages__', from)).toEqual([]);
    expect(bob.events('stream-notify-user', `${bob.uid}/subscriptions-changed`, from)).toEqual([]);
    expect(v7.server.records.messages().length).toBe(stored);
    expect(v7.server.records.otrRelays()).toContainEqual({ _id: 'OtrMessageId00001', rid, uid: alice.uid });
    const history = await bob.ok('loadHistory', rid, null, 50, null);
    expect(history.messages.map((m: { _id: string }) => m._id)).not.toContain('OtrMessageId00001');
  });

  it('updateOTRAck re-emits the message with otrAck to the room after its strict checks', async () => {
    const alice = await v7.login('alice');
    const bob = await v7.login('bob');
    const carol = await v7.login('carol');
    const { rid } = await alice.ok('createDirectMessage', 'bob');
    await alice.stream('stream-room-messages', rid);
    const message = { _id: 'OtrMessageId00002', rid, msg: CIPHER, t: 'otr', ts: new Date(), u: { _id: alice.uid, username: 'alice', name: 'Alice' } };
    const from = alice.mark();
    expect(await bob.call('updateOTRAck', { message, ack: CIPHER })).toEqual({ result: undefined });
    const [copy] = await alice.waitForEvent('stream-room-messages', rid, from);
    expect(copy).toEqual({ ...message, otrAck: CIPHER });

    const errorOf = async (client: typeof bob, params: unknown) => (await client.call('updateOTRAck', params)).error;
    expect(await errorOf(bob, { message: { ...message, extra: 1 }, ack: CIPHER })).toMatchObject({ error: 400, reason: 'Match failed' });
    expect(await errorOf(bob, { message: { ...message, ts: message.ts.getTime() }, ack: CIPHER })).toMatchObject({ error: 400 });
    expect(await errorOf(bob, { message, ack: 5 })).toMatchObject({ error: 400 });
    expect(await errorOf(bob, { message: { ...message, t: 'x' }, ack: CIPHER })).toMatchObject({ error: 'error-invalid-message' });
    expect(await errorOf(bob, { message: { ...message, rid: 'GENERAL' }, ack: CIPHER })).toMatchObject({ error: 'error-invalid-room' });
    expect(await errorOf(carol, { message, ack: CIPHER })).toMatchObject({ error: 'error-invalid-user', reason: 'Invalid user, not in room' });
  });

  it('chat.otr stores the three system messages; deleteOldOTRMessages removes them from a DM only', async () => {
    const alice = await v7.login('alice');
    const { rid } = await alice.ok('createDirectMessage', 'bob');
    const { token } = await alice.login('alice', 'demo');
    const auth = { uid: alice.uid, token };
    for (const type of ['user_joined_otr', 'user_requested_otr_key_refresh', 'user_key_refreshed_successfully']) {
      expect(await restPost(v7.server.url, '/api/v1/chat.otr', auth, { roomId: rid, type })).toEqual({ status: 200, body: { success: true } });
    }
    expect((await restPost(v7.server.url, '/api/v1/chat.otr', auth, { roomId: rid, type: 'uj' })).status).toBe(400);
    expect((await restPost(v7.server.url, '/api/v1/chat.otr', auth, { type: 'user_joined_otr' })).status).toBe(400);
    await alice.ok('sendMessage', { rid, msg: 'plain stays' });
    const types = async () => (await alice.ok('loadHistory', rid, null, 50, null)).messages.map((m: { t?: string; msg: string }) => m.t ?? m.msg);
    expect(await types()).toEqual(expect.arrayContaining(['user_joined_otr', 'user_requested_otr_key_refresh', 'user_key_refreshed_successfully', 'plain stays']));
    expect(await alice.call('deleteOldOTRMessages', 'GENERAL')).toMatchObject({ error: { error: 'error-invalid-room' } });
    expect(await alice.call('deleteOldOTRMessages', rid)).toEqual({ result: undefined });
    expect(await types()).toEqual(['plain stays']);
  });
});

describe('7.10.0 with OTR_Enable false', () => {
  it('refuses handshake/acknowledge writes and reads of <uid>/otr, still lets deny/end through', async () => {
    const alice = await v7off.login('alice');
    const bob = await v7off.login('bob');
    const refused = await bob.sub('stream-notify-user', `${bob.uid}/otr`, { useCollection: false, args: [] });
    expect(refused).toMatchObject({ msg: 'nosub', error: { error: 'not-allowed' } });
    for (const type of ['handshake', 'acknowledge', 'deny', 'end']) {
      await alice.ok('stream-notify-user', `${bob.uid}/otr`, type, { roomId: 'r', userId: alice.uid });
    }
    expect(v7off.server.records.streamWrites().map((w) => [w.type, w.accepted])).toEqual([
      ['handshake', false], ['acknowledge', false], ['deny', true], ['end', true],
    ]);
  });
});

describe('8.0.0 (default): Rocket.Chat OTR gone', () => {
  it('refuses every write to <uid>/otr, stores t:otr like any message, and has no OTR methods or endpoint', async () => {
    const alice = await v8.login('alice');
    const bob = await v8.login('bob');
    const { rid } = await alice.ok('createDirectMessage', 'bob');
    await bob.stream('stream-notify-user', `${bob.uid}/otr`);
    for (const type of ['handshake', 'acknowledge', 'deny', 'end']) {
      await alice.ok('stream-notify-user', `${bob.uid}/otr`, type, { roomId: rid, userId: alice.uid, publicKey: KEY });
    }
    await bob.barrier();
    expect(bob.events('stream-notify-user', `${bob.uid}/otr`)).toEqual([]);
    expect(v8.server.records.streamWrites().every((w) => !w.accepted)).toBe(true);
    await alice.ok('sendMessage', { _id: 'OtrMessageId00003', rid, msg: CIPHER, t: 'otr' });
    expect(v8.server.records.messages().map((m) => m._id)).toContain('OtrMessageId00003');
    expect(v8.server.records.otrRelays()).toEqual([]);
    expect(await alice.call('updateOTRAck', { message: {}, ack: '' })).toMatchObject({ error: { error: 404, reason: "Method 'updateOTRAck' not found" } });
    expect(await alice.call('deleteOldOTRMessages', rid)).toMatchObject({ error: { error: 404 } });
    const { token } = await alice.login('alice', 'demo');
    expect((await restPost(v8.server.url, '/api/v1/chat.otr', { uid: alice.uid, token }, { roomId: rid, type: 'user_joined_otr' })).status).toBe(404);
  });
});
