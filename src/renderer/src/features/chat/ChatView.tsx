// The open room: header with privacy state and ⋮ menu (and my waiting request under it), history, typing line and composer.
import { useApp, useT } from '../../store/context.js';
import { findRoom, peerName } from '../../store/selectors.js';
import { OtrMenu } from '../otr-ui/OtrMenu.js';
import { OtrStatusBadge } from '../otr-ui/OtrStatusBadge.js';
import { WaitingBar } from '../otr-ui/WaitingBar.js';
import { PresenceLabel } from '../rooms/PresenceLabel.js';
import { Composer } from './Composer.js';
import { MessageList } from './MessageList.js';
import { TypingIndicator } from './TypingIndicator.js';

export function ChatView() {
  const t = useT();
  const roomId = useApp((s) => s.activeRoomId);
  const room = useApp((s) => findRoom(s, roomId));
  const view = useApp((s) => (roomId === null ? undefined : s.otr[roomId]));
  if (!room) {
    return (
      <main className="chat chat-empty">
        <p className="hint">{t('rooms.none')}</p>
      </main>
    );
  }
  const peer = peerName(room);
  return (
    <main className="chat" aria-labelledby="room-title">
      <header className="room-header">
        <div className="room-title-block">
          <h1 id="room-title" className="room-title">
            {room.type === 'd' ? '' : '# '}
            {room.displayName}
          </h1>
          <PresenceLabel presence={room.peer?.presence} />
        </div>
        {room.type === 'd' && <OtrStatusBadge view={view} />}
        <OtrMenu room={room} view={view} />
      </header>
      {view?.phase === 'requesting' && <WaitingBar view={view} peer={peer} />}
      <MessageList key={room.id} roomId={room.id} peer={peer} />
      <TypingIndicator roomId={room.id} />
      <Composer key={`composer-${room.id}`} roomId={room.id} roomName={room.displayName} peer={peer} />
    </main>
  );
}
