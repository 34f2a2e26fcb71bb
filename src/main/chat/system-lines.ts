// Server system messages (`t`) → the contract's SystemLine: which line, who did it, to whom, the new value.
// The renderer words each type (en, nl) after Rocket.Chat's web client; a type not listed here is not shown.
import type { Message, SystemLine, User } from '../../contract/model.js';
import type { RcMessage } from '../rocketchat/types.js';

/** What `msg` holds for each type: nothing of use, the user it concerns, or a new value. */
const SYSTEM_TYPES: Readonly<Record<string, 'actor' | 'target' | 'value'>> = {
  uj: 'actor',
  ul: 'actor',
  ut: 'actor',
  ujt: 'actor',
  ult: 'actor',
  au: 'target',
  ru: 'target',
  'user-muted': 'target',
  'user-unmuted': 'target',
  'subscription-role-added': 'target',
  'subscription-role-removed': 'target',
  r: 'value',
  room_changed_topic: 'value',
  room_changed_description: 'value',
  room_changed_announcement: 'value',
  room_changed_privacy: 'value',
  room_changed_avatar: 'actor',
  'room-archived': 'actor',
  'room-unarchived': 'actor',
  'discussion-created': 'value',
  message_pinned: 'actor',
};

export function systemLine(rc: RcMessage): SystemLine | undefined {
  const type = rc.type;
  const holds = type === undefined ? undefined : SYSTEM_TYPES[type];
  if (type === undefined || !holds) return undefined;
  const line: SystemLine = { type, actor: rc.author.username };
  if (holds === 'target') line.target = rc.text.slice(0, 256);
  if (holds === 'value') line.value = rc.text.slice(0, 2000);
  if (rc.role !== undefined) line.value = rc.role.slice(0, 2000);
  return line;
}

/** A system message as a row, or undefined for types not shown. */
export function systemMessage(rc: RcMessage, me: User | undefined): Message | undefined {
  const system = systemLine(rc);
  return system ? { ...serverRow(rc, me, 'system'), system } : undefined;
}

/** `t: 'rm'` ("Show deleted status" on): the message keeps its place, its content is gone. */
export function deletedMessage(rc: RcMessage, me: User | undefined): Message {
  return serverRow(rc, me, 'deleted');
}

function serverRow(rc: RcMessage, me: User | undefined, kind: 'system' | 'deleted'): Message {
  return {
    id: rc.id,
    roomId: rc.roomId,
    author: { id: rc.author.id, username: rc.author.username, name: rc.author.name },
    ts: rc.ts,
    kind,
    text: '',
    status: 'sent',
    own: me !== undefined && rc.author.id === me.id,
  };
}
