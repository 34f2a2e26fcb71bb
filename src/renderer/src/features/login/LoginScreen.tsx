// Sign-in: the server's address first, whose public settings decide what the form offers (LDAP wording, the
// password form, SSO buttons); then a second step when the server asks for a code. A personal access token is a
// quiet way in on every server, SSO-only ones included (Rocket.Chat accepts one whatever its login form shows).
import { useEffect, useId, useState, type FormEvent } from 'react';
import { useApp, useT } from '../../store/context.js';
import { ShieldIcon } from '../../ui/icons.js';
import { lazyFeature } from '../../ui/lazy-feature.js';
import { ConnectionBanner } from './ConnectionBanner.js';
import { signInErrorText, tokenSignInErrorText } from './sign-in-error.js';
import { SsoChoices } from './SsoChoices.js';

const TokenFields = lazyFeature(() => import('./TokenFields.js').then((m) => m.TokenFields));

export function LoginScreen() {
  const t = useT();
  const login = useApp((s) => s.login);
  return (
    <main className="login-screen">
      <ConnectionBanner />
      <div className="login-card">
        <p className="login-brand">
          <ShieldIcon /> {t('app.title')}
        </p>
        {login.step === 'totp' ? <TotpForm /> : <CredentialsForm key={login.suggestedServer ?? ''} />}
      </div>
    </main>
  );
}

/** `withToken`: which form of the credentials step is shown; an error of the other way of signing in is not its own. */
function LoginError({ withToken }: { withToken?: boolean }) {
  const t = useT();
  const login = useApp((s) => s.login);
  const { error } = login;
  const byToken = login.personalAccessToken === true;
  if (!error || (withToken !== undefined && withToken !== byToken)) return null;
  return (
    <p className="form-error" role="alert">
      {byToken ? tokenSignInErrorText(t, error) : signInErrorText(t, error, login.totpMethod)}
    </p>
  );
}

function CancelButton() {
  const t = useT();
  const cancel = useApp((s) => s.cancelSignIn);
  return (
    <button type="button" onClick={cancel}>
      {t('login.cancel')}
    </button>
  );
}

function CredentialsForm() {
  const t = useT();
  const busy = useApp((s) => s.login.busy);
  const knownServer = useApp((s) => s.login.suggestedServer ?? s.session.serverUrl);
  const signIn = useApp((s) => s.signIn);
  const signInWithToken = useApp((s) => s.signInWithToken);
  const readLoginOptions = useApp((s) => s.readLoginOptions);
  const sso = useApp((s) => s.login.sso === true && s.login.busy);
  const [serverUrl, setServerUrl] = useState(knownServer ?? '');
  const [user, setUser] = useState('');
  const [password, setPassword] = useState('');
  // The token form replaces the password form; `tokenClosed` puts the focus back on its link after "Back".
  const [withToken, setWithToken] = useState(false);
  const [tokenClosed, setTokenClosed] = useState(false);
  const [userId, setUserId] = useState('');
  const [token, setToken] = useState('');
  const hintId = useId();
  const address = serverUrl.trim();
  // Options of another address (the user changed it) no longer apply: Rocket.Chat's defaults until read again.
  const options = useApp((s) => (s.loginOptions?.address === address ? s.loginOptions.value : null));
  const ldap = options?.ldap === true;
  const passwordForm = options?.passwordForm !== false;

  // A remembered or suggested address is read at once; a typed one when the user leaves the field.
  useEffect(() => {
    if (knownServer) void readLoginOptions(knownServer.trim());
  }, [knownServer, readLoginOptions]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (withToken) void signInWithToken({ serverUrl: address, userId: userId.trim(), token: token.trim() });
    else void signIn({ serverUrl: address, user: user.trim(), password });
  };

  return (
    <form className="form" onSubmit={submit} aria-labelledby="login-title">
      <h1 id="login-title">{t('login.title')}</h1>
      <label>
        {t('login.server')}
        <input
          type="text"
          inputMode="url"
          required
          value={serverUrl}
          onChange={(e) => setServerUrl(e.target.value)}
          aria-describedby={hintId}
          placeholder="https://"
          autoComplete="url"
          onBlur={() => void readLoginOptions(address)}
        />
      </label>
      <p id={hintId} className="hint">
        {t('login.serverHint')}
      </p>
      {withToken && <TokenFields userId={userId} token={token} setUserId={setUserId} setToken={setToken} />}
      {passwordForm && !withToken && (
        <>
          {ldap && <p className="hint">{t('login.ldapHint')}</p>}
          <label>
            {t(ldap ? 'login.userLdap' : 'login.user')}
            <input required value={user} onChange={(e) => setUser(e.target.value)} autoComplete="username" />
          </label>
          <label>
            {t(ldap ? 'login.passwordLdap' : 'login.password')}
            <input
              type="password"
              required
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              autoComplete="current-password"
            />
          </label>
        </>
      )}
      <LoginError withToken={withToken} />
      {sso && <p className="hint">{t('login.ssoWindow')}</p>}
      <div className="button-row">
        {busy ? (
          <CancelButton />
        ) : (
          withToken && (
            <button
              type="button"
              onClick={() => {
                setWithToken(false);
                setTokenClosed(true);
              }}
            >
              {t('login.back')}
            </button>
          )
        )}
        {(passwordForm || withToken) && (
          <button type="submit" className="primary" disabled={busy}>
            {busy ? t('login.busy') : t('login.submit')}
          </button>
        )}
      </div>
      {options && !withToken && <SsoChoices serverUrl={address} options={options} />}
      {!withToken && (
        <button type="button" className="link-button login-token" disabled={busy} onClick={() => setWithToken(true)} autoFocus={tokenClosed}>
          {t('login.tokenOffer')}
        </button>
      )}
    </form>
  );
}

function TotpForm() {
  const t = useT();
  const busy = useApp((s) => s.login.busy);
  const submitTotp = useApp((s) => s.submitTotp);
  const back = useApp((s) => s.backToCredentials);
  const method = useApp((s) => s.login.totpMethod);
  const [code, setCode] = useState('');
  const intro = method === 'email' ? 'login.totpIntroEmail' : method === 'totp' ? 'login.totpIntroApp' : 'login.totpIntro';

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void submitTotp(code.trim());
  };

  return (
    <form className="form" onSubmit={submit} aria-labelledby="totp-title">
      <h1 id="totp-title">{t('login.totpTitle')}</h1>
      <p>{t(intro)}</p>
      <label>
        {t('login.totpCode')}
        <input
          required
          value={code}
          onChange={(e) => setCode(e.target.value)}
          inputMode="numeric"
          autoComplete="one-time-code"
          pattern="[0-9A-Za-z]{4,12}"
          data-autofocus
          autoFocus
        />
      </label>
      <LoginError />
      <div className="button-row">
        {busy ? (
          <CancelButton />
        ) : (
          <button type="button" onClick={back}>
            {t('login.back')}
          </button>
        )}
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t('login.busy') : t('login.totpSubmit')}
        </button>
      </div>
    </form>
  );
}
