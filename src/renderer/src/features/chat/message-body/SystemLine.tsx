// A server line about the room ("alice added carol"), quiet and centred; worded per type, in the user's language.
import type { Message, SystemLine as Line } from '../../../../../contract/model.js';
import { useT } from '../../../store/context.js';
import type { StringKey, Translate } from '../../../i18n/index.js';

const KEYS: Readonly<Record<string, StringKey>> = {
  uj: 'system.uj',
  ul: 'system.ul',
  ut: 'system.ut',
  ujt: 'system.ujt',
  ult: 'system.ult',
  au: 'system.au',
  ru: 'system.ru',
  'user-muted': 'system.user-muted',
  'user-unmuted': 'system.user-unmuted',
  'subscription-role-added': 'system.subscription-role-added',
  'subscription-role-removed': 'system.subscription-role-removed',
  r: 'system.r',
  room_changed_topic: 'system.room_changed_topic',
  room_changed_description: 'system.room_changed_description',
  room_changed_announcement: 'system.room_changed_announcement',
  room_changed_privacy: 'system.room_changed_privacy',
  room_changed_avatar: 'system.room_changed_avatar',
  'room-archived': 'system.room-archived',
  'room-unarchived': 'system.room-unarchived',
  'discussion-created': 'system.discussion-created',
  message_pinned: 'system.message_pinned',
};

export function systemText(t: Translate, line: Line): string | undefined {
  const key = KEYS[line.type];
  return key ? t(key, { actor: line.actor, target: line.target ?? '', value: line.value ?? '' }) : undefined;
}

export function SystemLineRow(props: { message: Message }) {
  const t = useT();
  const text = props.message.system ? systemText(t, props.message.system) : undefined;
  if (!text) return null;
  return (
    <p className="system-line" dir="auto">
      {text}
    </p>
  );
}
