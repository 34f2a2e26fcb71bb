// The server's single sign-on services as buttons, read from the server before anyone signs in.
import { useId } from 'react';
import type { LoginOptions } from '../../../../contract/model.js';
import { useApp, useT } from '../../store/context.js';

export function SsoChoices({ serverUrl, options }: { serverUrl: string; options: LoginOptions }) {
  const t = useT();
  const busy = useApp((s) => s.login.busy);
  const signInWithSso = useApp((s) => s.signInWithSso);
  const titleId = useId();
  if (options.sso.length === 0) return null;
  return (
    <section className="sso-choices" aria-labelledby={titleId}>
      <h2 id={titleId}>{t(options.passwordForm ? 'login.ssoTitle' : 'login.ssoOnly')}</h2>
      {options.sso.map((service) => (
        <button key={service.id} type="button" disabled={busy} onClick={() => void signInWithSso(serverUrl, service.id)}>
          {service.label}
        </button>
      ))}
    </section>
  );
}
