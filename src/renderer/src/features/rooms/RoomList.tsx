// The sidebar: who I am, people search, direct messages and channels with unread counts and presence.
import { useId } from 'react';
import type { OtrPhase, Room } from '../../../../contract/model.js';
import type { StringKey } from '../../i18n/index.js';
import { useApp, useT } from '../../store/context.js';
import { GearIcon, LockIcon } from '../../ui/icons.js';
import { otrStatus } from '../otr-ui/otr-status.js';
import { PeopleSearch } from './PeopleSearch.js';
import { PresenceLabel } from './PresenceLabel.js';

export function RoomList() {
  const t = useT();
  const rooms = useApp((s) => s.rooms);
  const loaded = useApp((s) => s.roomsLoaded);
  const me = useApp((s) => s.session.me);
  const showScreen = useApp((s) => s.showScreen);
  const screen = useApp((s) => s.screen);
  const direct = rooms.filter((r) => r.type === 'd');
  const channels = rooms.filter((r) => r.type !== 'd');

  return (
    <nav className="sidebar" aria-label={t('rooms.title')}>
      <div className="sidebar-header">
        <span className="me">{me && t('rooms.signedInAs', { user: me.username })}</span>
        <button
          type="button"
          className="icon-button"
          aria-label={t('rooms.settings')}
          aria-pressed={screen === 'settings'}
          onClick={() => showScreen(screen === 'settings' ? 'chat' : 'settings')}
        >
          <GearIcon />
        </button>
      </div>
      <PeopleSearch />
      {!loaded ? (
        <p className="hint" role="status">
          {t('rooms.loading')}
        </p>
      ) : rooms.length === 0 ? (
        <p className="hint">{t('rooms.empty')}</p>
      ) : (
        <>
          <RoomGroup title={t('rooms.direct')} rooms={direct} />
          <RoomGroup title={t('rooms.channels')} rooms={channels} />
        </>
      )}
    </nav>
  );
}

function RoomGroup(props: { title: string; rooms: Room[] }) {
  const headingId = useId();
  if (props.rooms.length === 0) return null;
  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId} className="sidebar-heading">
        {props.title}
      </h2>
      <ul className="room-list">
        {props.rooms.map((room) => (
          <RoomEntry key={room.id} room={room} />
        ))}
      </ul>
    </section>
  );
}

/** My own request: while it waits, and how it ended while the user may be reading another room. */
const OWN_REQUEST: Partial<Record<OtrPhase, StringKey>> = {
  requesting: 'rooms.waitingForAnswer',
  declined: 'rooms.requestDeclined',
  'timed-out': 'rooms.requestTimedOut',
};

function RoomEntry(props: { room: Room }) {
  const t = useT();
  const { room } = props;
  const active = useApp((s) => s.activeRoomId === room.id && s.screen === 'chat');
  const otr = useApp((s) => s.otr[room.id]);
  const openRoom = useApp((s) => s.openRoom);
  const detailsId = useId();
  const isPrivate = otrStatus(otr).private;
  const incoming = otr?.phase === 'incoming';
  const request = otr ? OWN_REQUEST[otr.phase] : undefined;

  // The accessible name is the room's name alone, so it is stable; the rest is its description.
  return (
    <li>
      <button
        type="button"
        className="room-button"
        aria-label={room.displayName}
        aria-describedby={detailsId}
        aria-current={active ? 'page' : undefined}
        onClick={() => void openRoom(room.id)}
      >
        <span className="room-name">
          {room.type === 'd' ? '' : '# '}
          {room.displayName}
          {isPrivate && <LockIcon />}
        </span>
        <span id={detailsId} className="room-meta">
          <PresenceLabel presence={room.peer?.presence} />
          {isPrivate && (
            <span className="room-tag">{t(otr?.protocol === 'rocketchat' ? 'rooms.privateNative' : 'rooms.privateNow')}</span>
          )}
          {incoming && <span className="room-tag room-tag-alert">{t('rooms.incomingRequest')}</span>}
          {request && <span className="room-tag room-tag-waiting">{t(request)}</span>}
          {room.unread > 0 && (
            <span className="badge">
              <span aria-hidden="true">{room.unread}</span>
              <span className="visually-hidden">{t('rooms.unread', { count: room.unread })}</span>
            </span>
          )}
        </span>
      </button>
    </li>
  );
}
