// The open room: header with privacy state and ⋮ menu (and my waiting request under it), history, typing line and
// composer; a thread beside it.
import { useMemo, useState } from 'react';
import type { Room } from '../../../../contract/model.js';
import { useApp, useT } from '../../store/context.js';
import { findRoom, peerName } from '../../store/selectors.js';
import { OtrMenu } from '../otr-ui/OtrMenu.js';
import { OtrStatusBadge } from '../otr-ui/OtrStatusBadge.js';
import { WaitingBar } from '../otr-ui/WaitingBar.js';
import { PresenceLabel } from '../rooms/PresenceLabel.js';
import { Composer } from './Composer.js';
import { MessageList } from './MessageList.js';
import { ThreadContext } from './thread-context.js';
import { ThreadPanel } from './ThreadPanel.js';
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
        {room.type === 'd' && room.peer && <OtrStatusBadge view={view} />}
        <OtrMenu room={room} view={view} />
      </header>
      {view?.phase === 'requesting' && <WaitingBar view={view} peer={peer} />}
      <RoomBody key={room.id} room={room} peer={peer} />
    </main>
  );
}

function RoomBody(props: { room: Room; peer: string }) {
  const t = useT();
  const { room, peer } = props;
  const [threadId, setThreadId] = useState<string | null>(null);
  const control = useMemo(() => ({ openThread: setThreadId }), []);
  return (
    <ThreadContext.Provider value={control}>
      <div className="chat-body">
        <div className="chat-room">
          <MessageList roomId={room.id} peer={peer} />
          <TypingIndicator roomId={room.id} />
          <Composer roomId={room.id} roomName={room.displayName} peer={peer} sendBlock={room.sendBlock} />
        </div>
        {threadId !== null && (
          <ThreadPanel roomId={room.id} threadId={threadId} peer={peer} onClose={() => setThreadId(null)}
            blocked={room.sendBlock ? t(`chat.blocked.${room.sendBlock}`) : null} />
        )}
      </div>
    </ThreadContext.Provider>
  );
}
