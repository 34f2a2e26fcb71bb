// Saved fingerprints, each forgettable unless an open session uses it. A person is named as everywhere else in
// the app (display name), with the username beside it: the trust store knows only the username.
import type { KnownFingerprint } from '../../../../contract/model.js';
import { useApp, useLanguage, useT } from '../../store/context.js';
import { formatDate } from '../../ui/date-format.js';
import { LockIcon, ShieldIcon } from '../../ui/icons.js';
import { formatFingerprint } from './fingerprint-format.js';

export function KnownFingerprintList(props: {
  entries: readonly KnownFingerprint[];
  showNames: boolean;
  onForget: (entry: KnownFingerprint) => void;
}) {
  const t = useT();
  const language = useLanguage();
  const rooms = useApp((s) => s.rooms);
  const nameOf = (entry: KnownFingerprint) => rooms.find((r) => r.peer?.id === entry.userId)?.peer?.name ?? entry.username;
  if (props.entries.length === 0) return <p className="hint">{t('fp.knownEmpty')}</p>;
  return (
    <ul className="known-list">
      {props.entries.map((entry) => (
        <li key={`${entry.userId}-${entry.fingerprint}`} className="known-entry">
          {props.showNames && (
            <span className="known-name">
              {nameOf(entry)}
              {nameOf(entry) !== entry.username && <span className="known-username"> @{entry.username}</span>}
            </span>
          )}
          <span className="fingerprint">{formatFingerprint(entry.fingerprint)}</span>
          <span className="known-meta">
            {entry.verified ? <ShieldIcon /> : <LockIcon />}
            {entry.verified ? t('fp.verified') : t('fp.notVerified')}
            {' · '}
            {t('fp.firstSeen', { date: formatDate(language, 'date', entry.firstSeenAt) })}
            {entry.inUse && ` · ${t('fp.inUse')}`}
          </span>
          <button
            type="button"
            aria-label={t('fp.forgetNamed', { user: nameOf(entry) })}
            disabled={entry.inUse}
            title={entry.inUse ? t('fp.forgetInUse') : undefined}
            onClick={() => props.onForget(entry)}
          >
            {t('fp.forget')}
          </button>
        </li>
      ))}
    </ul>
  );
}
