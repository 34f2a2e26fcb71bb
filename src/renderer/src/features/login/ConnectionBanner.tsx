// Tells the user what the connection is doing, with a live countdown and a way to retry at once.
import { useApp, useT } from '../../store/context.js';
import { errorText } from '../../ui/error-text.js';
import { secondsUntil, useNow } from '../../ui/use-now.js';

export function ConnectionBanner() {
  const t = useT();
  const connection = useApp((s) => s.session.connection);
  const reconnectNow = useApp((s) => s.reconnectNow);
  const now = useNow(connection.kind === 'reconnecting');

  let text: string;
  let canReconnect = true;
  switch (connection.kind) {
    case 'online':
    case 'signed-out':
      return null;
    case 'connecting':
      text = t('connection.connecting');
      canReconnect = false;
      break;
    case 'reconnecting': {
      const seconds = secondsUntil(connection.retryAt, now);
      text = seconds > 0 ? t('connection.reconnecting', { seconds }) : t('connection.reconnectingNow');
      break;
    }
    case 'offline':
      text = `${t('connection.offline')}: ${errorText(t, connection.error, now)}`;
      break;
  }

  return (
    <div className={`banner banner-${connection.kind}`} role="status">
      <span>{text}</span>
      {canReconnect && (
        <button type="button" onClick={() => void reconnectNow()}>
          {t('connection.reconnectNow')}
        </button>
      )}
    </div>
  );
}
