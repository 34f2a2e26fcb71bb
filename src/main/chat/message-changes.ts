// What happens to messages after they were shown: edits and reactions (the server re-sends the message under the
// same `_id`), deletions, and the user's own reactions. Nothing of a private chat is ever changed by the server
// or reacted to here: an "edit" of a private message is the server rewriting history, so it is ignored and said.
import type { Result } from '../../contract/calls.js';
import type { Message, MessageKind, NoticeCode } from '../../contract/model.js';
import { passiveVerdict } from '../../otr/rooms/incoming.js';
import { toErrorInfo } from '../rocketchat/errors.js';
import type { RcDeletion, RcHistoryPage, RcMessage, RcRoomChanges, RocketChatClient } from '../rocketchat/types.js';
import { fromServer } from './message-map.js';
import type { OtrAccount } from './otr-account.js';
import type { RoomTimeline } from './room-timeline.js';
import { deletedMessage } from './system-lines.js';

/** Kinds that belong to a private chat: the server's later versions of them are never shown. */
const PRIVATE_KINDS = new Set<MessageKind>(['private', 'unaccepted-key', 'unreadable-private', 'unencrypted', 'peer-otr-error']);
/** Kinds the server may change or delete. */
const SERVER_KINDS = new Set<MessageKind>(['text', 'system', 'deleted']);

export interface ChangeDeps {
  rc: RocketChatClient;
  otr: OtrAccount;
  timeline(roomId: string): RoomTimeline;
  show(message: Message, announce?: boolean): void;
  removed(roomId: string, id: string): void;
  notice(roomId: string, notice: NoticeCode): void;
}

export class MessageChanges {
  /** Private messages whose "edit" the user was told about (id + editedAt), to say it once. */
  private readonly told = new Set<string>();

  constructor(private readonly deps: ChangeDeps) {}

  /** A new state of a message the room already shows. */
  update(known: Message, rc: RcMessage, announce: boolean): void {
    const me = this.deps.rc.session().me;
    if (PRIVATE_KINDS.has(known.kind)) {
      const changed = rc.editedAt !== undefined || rc.type === 'rm';
      const key = `${rc.id}\u0000${String(rc.editedAt ?? rc.type)}`;
      if (changed && !this.told.has(key)) {
        this.told.add(key);
        this.deps.notice(known.roomId, 'edit-ignored');
      }
      return;
    }
    if (!SERVER_KINDS.has(known.kind) || known.status !== 'sent') return;
    if (rc.type === 'rm') {
      this.deps.show(deletedMessage(rc, me), announce);
      return;
    }
    if (known.kind !== 'text' || rc.type !== undefined) return;
    // An edit may not smuggle OTR text into a plain room either.
    const verdict = passiveVerdict(rc.text, rc.author.id === me?.id);
    if (verdict.kind !== 'plain') return;
    this.deps.show({ ...fromServer(rc, 'text', me, verdict.text), own: known.own }, announce);
  }

  /** The server deleted messages: their rows go. Private messages stay: only this computer ever had their text. */
  deleted(roomId: string, deletion: RcDeletion): void {
    const timeline = this.deps.timeline(roomId);
    const ids = new Set(deletion.ids);
    const { range } = deletion;
    for (const message of [...timeline.all()]) {
      if (!SERVER_KINDS.has(message.kind) || message.status !== 'sent') continue;
      const inRange = range !== undefined && message.ts >= range.from && message.ts <= range.to
        && (range.usernames.length === 0 || range.usernames.includes(message.author.username));
      if ((ids.has(message.id) || inRange) && timeline.remove(message.id)) this.deps.removed(roomId, message.id);
    }
  }

  /** A loaded room reopened: what changed while it was not watched (one call), else its newest page compared. */
  async catchUp(roomId: string, pageSize: number): Promise<void> {
    const changes = await this.deps.rc.roomChanges(roomId);
    if (changes === 'unsupported') await this.reconcile(roomId, () => this.deps.rc.history(roomId, { limit: pageSize }));
    else if (changes) this.missed(roomId, changes);
  }

  /** What changed while the room was not watched: the same as live edits and deletions, for rows we show. */
  private missed(roomId: string, changes: RcRoomChanges): void {
    const timeline = this.deps.timeline(roomId);
    for (const rc of changes.updated) {
      const known = timeline.get(rc.id);
      if (known) this.update(known, rc, true);
    }
    if (changes.deleted.length > 0) this.deleted(roomId, { ids: changes.deleted });
  }

  /**
   * Where the server has no `messages/get`: the room's newest page, re-read. A server row we showed before the read,
   * from the page's oldest time on (from the start when the page is all there is), that the page lacks was deleted.
   */
  private async reconcile(roomId: string, readNewest: () => Promise<RcHistoryPage>): Promise<void> {
    const timeline = this.deps.timeline(roomId);
    const before = [...timeline.all()];
    const page = await readNewest();
    const returned = new Map(page.messages.map((rc) => [rc.id, rc]));
    const from = page.hasMore ? page.messages[0]?.ts ?? Infinity : -Infinity;
    const gone: string[] = [];
    for (const message of before) {
      const rc = returned.get(message.id);
      const current = timeline.get(message.id);
      if (rc && current) this.update(current, rc, true);
      // History leaves out thread replies not shown in the room: their absence says nothing.
      else if (!rc && message.ts >= from && (message.threadId === undefined || message.inRoom === true)) gone.push(message.id);
    }
    if (gone.length > 0) this.deleted(roomId, { ids: gone });
  }

  /** The user's reaction: only on plain messages the server has, and never in a DM whose chat is (becoming) private. */
  async react(roomId: string, id: string, emoji: string): Promise<Result<null>> {
    const message = this.deps.timeline(roomId).get(id);
    if (!message) return { ok: false, error: { code: 'not-found' } };
    if (message.kind !== 'text' || message.status !== 'sent') return { ok: false, error: { code: 'not-allowed' } };
    const room = this.deps.rc.rooms().find((r) => r.id === roomId);
    if (room?.type === 'd') {
      const otr = await this.deps.otr.ready().catch(() => undefined);
      if (!otr || otr.view(roomId).phase !== 'idle') return { ok: false, error: { code: 'not-allowed' } };
    }
    try {
      await this.deps.rc.react(id, emoji);
      return { ok: true, value: null };
    } catch (error) {
      return { ok: false, error: toErrorInfo(error) };
    }
  }
}
