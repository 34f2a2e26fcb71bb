// "Trust this certificate?": a connection of this account met a certificate nobody vouches for. Main sends only
// the host, the SHA-256 fingerprint and the issuer; Trust pins exactly that certificate for that host.
import { useEffect, useId, useRef, useState } from 'react';
import type { CertificateProblem } from '../../../../contract/model.js';
import { useApi, useApp, useT } from '../../store/context.js';
import { Dialog } from '../../ui/Dialog.js';
import { DialogButtons } from '../../ui/DialogButtons.js';
import { errorText } from '../../ui/error-text.js';

const keyOf = (problem: CertificateProblem): string => `${problem.host} ${problem.fingerprint}`;

export function CertificateDialog() {
  const t = useT();
  const api = useApi();
  const [problem, setProblem] = useState<CertificateProblem | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // A reconnecting account meets the same certificate again and again: once Cancelled, it is not asked again
  // while signed in (a different certificate asks anew). Every sign-in attempt asks, as the user just acted.
  const declined = useRef(new Set<string>());
  const signedIn = useRef(false);
  signedIn.current = useApp((s) => s.session.me !== undefined);
  const bodyId = useId();

  useEffect(() => api.on('net.certificateUntrusted', (next) => {
    if (!signedIn.current || !declined.current.has(keyOf(next))) setProblem(next);
  }), [api]);

  if (!problem) return null;
  const close = (): void => {
    setProblem(null);
    setError(null);
  };
  const cancel = (): void => {
    declined.current.add(keyOf(problem));
    close();
  };
  const trust = (): void => {
    setBusy(true);
    void api.net.trustCertificate({ host: problem.host, fingerprint: problem.fingerprint, issuer: problem.issuer }).then((result) => {
      setBusy(false);
      if (result.ok) close();
      else setError(errorText(t, result.error));
    });
  };
  return (
    <Dialog title={t(problem.changed ? 'cert.titleChanged' : 'cert.title')} role="alertdialog" onEscape={cancel} describedBy={bodyId} className="certificate-dialog">
      <p id={bodyId}>{t(problem.changed ? 'cert.bodyChanged' : 'cert.body', { host: problem.host })}</p>
      <dl className="certificate-facts">
        <dt>{t('cert.fingerprint')}</dt>
        <dd>
          <code className="fingerprint">{problem.fingerprint}</code>
        </dd>
        <dt>{t('cert.issuer')}</dt>
        <dd>{problem.issuer}</dd>
      </dl>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <DialogButtons
        busy={busy}
        actions={[
          { label: t('cert.cancel'), onClick: cancel, focus: true },
          { label: t('cert.trust'), onClick: trust, primary: true },
        ]}
      />
    </Dialog>
  );
}
