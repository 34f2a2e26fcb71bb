import type { ServerContext } from '../context.js';
import { setReaction, storeSystemMessage, updateMessage } from '../services/message-edits.js';
import { sendMessage } from '../services/messages.js';
import { createChannel, ensureDirectRoom, setSubscriptionsArchived } from '../services/rooms.js';
import { sendFileMessage } from '../services/uploads.js';
import { samplePdf, samplePng } from './sample-files.js';
import type { RoomRecord, UserRecord } from './types.js';

/**
 * `#showcase`: one channel with every kind of message a real room holds (system messages, markdown, an edit, a
 * reaction, a thread, an image and a PDF, a long message, right-to-left text), plus an E2E DM, a group DM and
 * read-only, archived and muted channels, so a person can look at them.
 * Runs after the demo seed; does nothing when #showcase exists.
 */
export function seedShowcase(ctx: ServerContext): void {
  if (ctx.state.channelByName('showcase')) return;
  const member = (username: string): UserRecord => {
    const user = ctx.state.userByUsername(username);
    if (!user) throw new Error(`No such user: ${username}`);
    return user;
  };
  const [alice, bob, carol] = ['alice', 'bob', 'carol'].map(member) as [UserRecord, UserRecord, UserRecord];
  const room = createChannel(ctx, 'showcase', [alice, bob, carol]);
  const post = (user: UserRecord, target: RoomRecord, msg: string, extra: { t?: string; tmid?: string; tshow?: boolean } = {}): string => {
    const stored = sendMessage(ctx, user, { rid: target._id, msg, ...extra });
    if (!stored?._id) throw new Error('showcase: the message was not stored');
    return stored._id;
  };
  storeSystemMessage(ctx, room, bob, 'uj', bob.username);
  storeSystemMessage(ctx, room, alice, 'au', carol.username);
  storeSystemMessage(ctx, room, alice, 'room_changed_topic', 'Everything a room can hold');
  post(alice, room, '*Bold*, _italic_, ~strike~, `code` and a link: https://rocket.chat');
  post(bob, room, '```\nconst answer = 42;\n```');
  post(carol, room, 'Hello @alice and @here, see #general');
  const edited = post(bob, room, 'First draft');
  updateMessage(ctx, bob, edited, 'Edited text');
  const liked = post(carol, room, 'React to this');
  setReaction(ctx, alice, ':thumbsup:', liked);
  setReaction(ctx, bob, ':thumbsup:', liked);
  post(alice, room, '<img src=x onerror=alert(1)> stays text');
  post(bob, room, 'שלום, זו הודעה מימין לשמאל');
  post(carol, room, `A long one: ${'lorem ipsum '.repeat(400)}`);
  const asked = post(alice, room, 'Lunch on Friday? Answer in the thread');
  post(bob, room, 'Friday works for me', { tmid: asked });
  post(carol, room, 'Me too, 12:30?', { tmid: asked, tshow: true });
  const upload = (user: UserRecord, name: string, type: string, bytes: Buffer, msg = '') =>
    sendFileMessage(ctx, user, ctx.uploads.add(room, user, { name, type, bytes }, ctx.state.now()), { msg });
  upload(bob, 'harbour.png', 'image/png', samplePng(), 'The view from the office');
  upload(carol, 'agenda.pdf', 'application/pdf', samplePdf('Agenda'));
  storeSystemMessage(ctx, room, alice, 'user-muted', carol.username);
  const e2e = ensureDirectRoom(ctx, [alice, carol]).room;
  e2e.encrypted = true;
  post(carol, e2e, 'kid0000000000000U2FsdGVkX1', { t: 'e2e' });
  post(bob, ensureDirectRoom(ctx, [alice, bob, carol]).room, 'Hi both, this is a group DM');
  // Rooms the user may read but not write in: read-only, archived, muted.
  const news = createChannel(ctx, 'announcements', [bob, alice, carol]);
  post(bob, news, 'Only the owners post here');
  news.ro = true;
  const old = createChannel(ctx, 'old-project', [bob, alice, carol]);
  post(bob, old, 'This project is done, the room is archived');
  old.archived = true;
  setSubscriptionsArchived(ctx, old, true);
  const quiet = createChannel(ctx, 'quiet-room', [bob, alice, carol]);
  post(bob, quiet, 'alice is muted in this room');
  quiet.muted = [alice.username];
}
