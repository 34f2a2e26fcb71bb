// Settings: the certificates the user trusted by hand, each revocable (its host is then asked about again).
import { useCallback, useEffect, useState } from 'react';
import type { PinnedCertificate } from '../../../../contract/model.js';
import { useApi, useT } from '../../store/context.js';
import { errorText } from '../../ui/error-text.js';

export function TrustedCertificates() {
  const t = useT();
  const api = useApi();
  const [pins, setPins] = useState<PinnedCertificate[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(async () => {
    const result = await api.net.pinnedCertificates();
    if (result.ok) setPins(result.value);
    else setError(errorText(t, result.error));
  }, [api, t]);
  useEffect(() => {
    void load();
  }, [load]);
  const revoke = (host: string): void => {
    void api.net.forgetCertificate(host).then(async (result) => {
      setError(result.ok ? null : errorText(t, result.error));
      await load();
    });
  };
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
