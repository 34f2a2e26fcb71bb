// Tells the user what the connection is doing, with a live countdown and a way to retry at once.
import { useApp, useT } from '../../store/context.js';
import { errorText } from '../../ui/error-text.js';
import { secondsUntil, useNow } from '../../ui/use-now.js';

const RESTORED_VISIBLE_MS = 5000;

export function ConnectionBanner() {
  const t = useT();
  const connection = useApp((s) => s.session.connection);
  const reconnectNow = useApp((s) => s.reconnectNow);
  const restoredAt = useApp((s) => s.restoredAt);
  const showRestored = connection.kind === 'online' && restoredAt !== null && Date.now() - restoredAt < RESTORED_VISIBLE_MS;
  const now = useNow(connection.kind === 'reconnecting' || showRestored);

  let text: string;
  let canReconnect = true;
  switch (connection.kind) {
    case 'online':
      // After an outage, say it is over for a moment instead of just vanishing.
      if (!showRestored) return null;
      return (
        <div className="banner banner-restored" role="status">
          <span>{t('connection.restored')}</span>
        </div>
      );
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
