// Saved fingerprints, each forgettable unless an open session uses it.
import type { KnownFingerprint } from '../../../../contract/model.js';
import { useLanguage, useT } from '../../store/context.js';
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
  if (props.entries.length === 0) return <p className="hint">{t('fp.knownEmpty')}</p>;
  return (
    <ul className="known-list">
      {props.entries.map((entry) => (
        <li key={`${entry.userId}-${entry.fingerprint}`} className="known-entry">
          {props.showNames && <span className="known-name">{entry.username}</span>}
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
            aria-label={t('fp.forgetNamed', { user: entry.username })}
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
