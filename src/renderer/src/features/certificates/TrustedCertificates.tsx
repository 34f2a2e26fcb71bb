// Settings: the certificates the user trusted by hand, each revocable (its host is then asked about again).
import { useApi, useT } from '../../store/context.js';
import { useRevocableList } from '../../ui/use-revocable-list.js';

export function TrustedCertificates() {
  const t = useT();
  const api = useApi();
  const { entries: pins, error, revoke } = useRevocableList(
    () => api.net.pinnedCertificates(),
    (host: string) => api.net.forgetCertificate(host),
  );
  return (
    <section aria-labelledby="pinned-certificates">
      <h2 id="pinned-certificates">{t('cert.pinned')}</h2>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {pins?.length === 0 && <p className="hint">{t('cert.pinnedNone')}</p>}
      {pins && pins.length > 0 && (
        <ul className="pinned-certificates">
          {pins.map((pin) => (
            <li key={pin.host}>
              <strong>{pin.host}</strong>
              <code className="fingerprint">{pin.fingerprint}</code>
              <button type="button" aria-label={t('cert.revokeNamed', { host: pin.host })} onClick={() => revoke(pin.host)}>
                {t('cert.revoke')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
