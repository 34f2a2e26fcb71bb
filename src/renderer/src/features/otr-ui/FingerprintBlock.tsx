// One fingerprint in 5 groups of 8, with a copy button (and a QR code when asked).

/** How long "Copied" stays beside the button: long enough to read, gone before it looks like a state. */
export const COPIED_SHOWN_MS = 3000;
import { useEffect, useId, useState } from 'react';
import { useT } from '../../store/context.js';
import { fingerprintGroups, formatFingerprint } from './fingerprint-format.js';
import { QrCode } from './QrCode.js';

export function FingerprintBlock(props: {
  label: string;
  fingerprint: string | undefined;
  copyLabel: string;
  qrAlt?: string;
  /** The heading level that fits where the block sits (3 in the Verify dialog, 2 in Settings). */
  level?: 2 | 3;
}) {
  const t = useT();
  const labelId = useId();
  const [copied, setCopied] = useState<'ok' | 'failed' | null>(null);
  const { fingerprint } = props;
  const Heading = props.level === 2 ? 'h2' : 'h3';

  useEffect(() => {
    if (copied === null) return;
    const timer = setTimeout(() => setCopied(null), COPIED_SHOWN_MS);
    return () => clearTimeout(timer);
  }, [copied]);

  const copy = () => {
    if (!fingerprint) return;
    const clipboard = globalThis.navigator?.clipboard;
    if (!clipboard) {
      setCopied('failed');
      return;
    }
    clipboard.writeText(formatFingerprint(fingerprint)).then(
      () => setCopied('ok'),
      () => setCopied('failed'),
    );
  };

  return (
    <section className={`fingerprint-block ${props.qrAlt ? 'with-qr' : ''}`} aria-labelledby={labelId}>
      <Heading id={labelId}>{props.label}</Heading>
      {fingerprint ? (
        <>
          {props.qrAlt && <QrCode text={fingerprint} alt={props.qrAlt} />}
          <p className="fingerprint" data-fingerprint={fingerprint}>
            {fingerprintGroups(fingerprint).map((group, i) => (
              <span key={i} className="fingerprint-group">
                {group}
              </span>
            ))}
          </p>
          <div className="button-row">
            <button type="button" onClick={copy}>
              {props.copyLabel}
            </button>
            <span role="status" className="hint">
              {copied === 'ok' ? t('app.copied') : copied === 'failed' ? t('app.copyFailed') : ''}
            </span>
          </div>
        </>
      ) : (
        <p className="hint">{t('fp.none')}</p>
      )}
    </section>
  );
}
