// What happens to messages after they were sent, end to end against the local server: edits and reactions
// re-delivered under the same id, deletions (one, bulk, "Show deleted status"), system messages, quotes and `md`.
import { describe, expect, it } from 'vitest';
import type { LocalServer } from '../../server/index.js';
import type { RcDeletion } from '../../src/main/rocketchat/types.js';
import { loggedIn } from '../server/ddp-client.js';
import { liveScope, until } from './live-helpers.js';

const live = liveScope();

/** alice's client with #general on screen (its room streams on), and bob over raw DDP to act. */
async function inGeneral(server: LocalServer) {
  const alice = await live.signedIn(server, 'alice');
  const rid = alice.client.rooms().find((r) => r.name === 'general')?.id ?? '';
  await alice.client.focusRoom(rid);
  const bob = await loggedIn(server.url, 'bob');
  const deletions: RcDeletion[] = [];
  alice.client.onDeleted((roomId, deletion) => {
    if (roomId === rid) deletions.push(deletion);
  });
  const updates: string[] = [];
  alice.client.onMessage((_roomId, message, delivery) => {
    if (delivery.update) updates.push(message.id);
  });
  const latest = (id: string) => alice.messages.filter((m) => m.id === id).at(-1);
  return { alice, bob, rid, deletions, updates, latest, [Symbol.dispose]: () => bob.close() };
}

describe('message changes against the local server', () => {
  it('an edit and a reaction arrive again under the same id, marked as updates, with editedAt and who reacted', async () => {
    const server = await live.start();
    using room = await inGeneral(server);
    const sent = await room.bob.ok('sendMessage', { rid: room.rid, msg: 'first draft' });
    await until(() => room.latest(sent._id) !== undefined, 'the message');
    await room.bob.ok('updateMessage', { _id: sent._id, msg: 'final *text*' });
    await until(() => room.latest(sent._id)?.text === 'final *text*', 'the edit');
    expect(room.latest(sent._id)?.editedAt).toEqual(expect.any(Number));
    await room.alice.client.react(sent._id, ':thumbsup:');
    await until(() => room.latest(sent._id)?.reactions !== undefined, 'the reaction');
    expect(room.latest(sent._id)?.reactions).toEqual([{ emoji: ':thumbsup:', usernames: ['alice'] }]);
    expect(room.updates).toEqual([sent._id, sent._id]);
    // In history too: the edited text, its editedAt and the reaction.
    const page = await room.alice.client.history(room.rid, { limit: 10 });
    expect(page.messages.find((m) => m.id === sent._id)).toMatchObject({ text: 'final *text*', editedAt: expect.any(Number), reactions: [{ emoji: ':thumbsup:', usernames: ['alice'] }] });
  });

  it('deleteMessage and a prune (deleteMessageBulk) reach the client as deletions', async () => {
    const server = await live.start();
    using room = await inGeneral(server);
    const one = await room.bob.ok('sendMessage', { rid: room.rid, msg: 'oops' });
    const two = server.admin.post('bob', 'general', 'old 1');
    const three = server.admin.post('bob', 'general', 'old 2');
    await room.bob.ok('deleteMessage', { _id: one._id });
    server.admin.pruneMessages('general', [two, three]);
    await until(() => room.deletions.length === 2, 'two deletions');
    expect(room.deletions[0]).toEqual({ ids: [one._id] });
    expect([...(room.deletions[1]?.ids ?? [])].sort()).toEqual([two, three].sort());
  });

  it("with Message_ShowDeletedStatus the deleted message comes back as t: 'rm' without its text", async () => {
    const server = await live.start({ showDeletedStatus: true });
    using room = await inGeneral(server);
    const sent = await room.bob.ok('sendMessage', { rid: room.rid, msg: 'soon gone' });
    await room.bob.ok('deleteMessage', { _id: sent._id });
    await until(() => room.latest(sent._id)?.type === 'rm', "the 'rm' state");
    expect(room.latest(sent._id)?.text).toBe('');
    expect(room.deletions).toEqual([]);
  });

  it('system messages arrive with their type, who did it and what it concerns', async () => {
    const server = await live.start();
    using room = await inGeneral(server);
    const id = server.admin.systemMessage('alice', 'general', 'ru', 'carol');
    await until(() => room.latest(id) !== undefined, 'the system message');
    expect(room.latest(id)).toMatchObject({ type: 'ru', text: 'carol', author: { username: 'alice' } });
  });

  it("a permalink becomes a quote (message_link, author, text) and 7.x+ servers send md; older ones don't", async () => {
    const server = await live.start();
    using room = await inGeneral(server);
    const original = await room.bob.ok('sendMessage', { rid: room.rid, msg: 'the *original*' });
    const link = `${server.url}/channel/general?msg=${original._id}`;
    const quoting = await room.bob.ok('sendMessage', { rid: room.rid, msg: `[ ](${link}) I agree` });
    await until(() => room.latest(quoting._id) !== undefined, 'the quote');
    expect(room.latest(quoting._id)?.quotes).toEqual([{ link, author: 'bob', text: 'the *original*', md: expect.any(Array) }]);
    expect(room.latest(quoting._id)?.md).toEqual(expect.any(Array));

    const old = await live.start({ version: '6.13.0' });
    using oldRoom = await inGeneral(old);
    const plain = await oldRoom.bob.ok('sendMessage', { rid: oldRoom.rid, msg: '*bold*' });
    await until(() => oldRoom.latest(plain._id) !== undefined, 'the message on 6.x');
    expect(oldRoom.latest(plain._id)?.md).toBeUndefined();
  });
});
