// Settings: the user's (language, notifications, closing to the tray), then the server on screen's own (OTR request
// timeout, Rocket.Chat OTR with official apps), own fingerprint, known fingerprints, log out.
import { useEffect, useState, type FormEvent } from 'react';
import type { AccountSettings, KnownFingerprint, Settings } from '../../../../contract/model.js';
import { serverName } from '../../shell/server-label.js';
import { useApi, useApp, useT } from '../../store/context.js';
import { errorText } from '../../ui/error-text.js';
import { useRevocableList } from '../../ui/use-revocable-list.js';
import { FingerprintBlock } from '../otr-ui/FingerprintBlock.js';
import { TrustedCertificates } from '../certificates/TrustedCertificates.js';
import { KnownFingerprintList } from '../otr-ui/KnownFingerprintList.js';

export function SettingsScreen() {
  const t = useT();
  const showScreen = useApp((s) => s.showScreen);
  const signOut = useApp((s) => s.signOut);
  return (
    <main className="settings" aria-labelledby="settings-title">
      <header className="room-header">
        <h1 id="settings-title" className="room-title">
          {t('settings.title')}
        </h1>
        <button type="button" onClick={() => showScreen('chat')}>
          {t('settings.back')}
        </button>
      </header>
      <div className="settings-body">
        <PreferencesForm />
        <OwnFingerprint />
        <KnownFingerprints />
        <TrustedCertificates />
        <section>
          <button type="button" className="danger" onClick={() => void signOut()}>
            {t('settings.logout')}
          </button>
        </section>
      </div>
    </main>
  );
}

function PreferencesForm() {
  const t = useT();
  const api = useApi();
  const settings = useApp((s) => s.settings);
  const accountSettings = useApp((s) => s.accountSettings);
  const serverUrl = useApp((s) => s.session.serverUrl);
  const saveSettings = useApp((s) => s.saveSettings);
  const saveAccountSettings = useApp((s) => s.saveAccountSettings);
  const [draft, setDraft] = useState<Settings | null>(settings);
  const [accountDraft, setAccountDraft] = useState<AccountSettings | null>(accountSettings);
  const [saved, setSaved] = useState(false);
  useEffect(() => setDraft(settings), [settings]);
  useEffect(() => setAccountDraft(accountSettings), [accountSettings]);
  if (!draft) return null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    void Promise.all([saveSettings(draft), accountDraft ? saveAccountSettings(accountDraft) : true]).then((done) => setSaved(done.every(Boolean)));
  };
  const change = (patch: Partial<Settings>) => {
    setSaved(false);
    setDraft({ ...draft, ...patch });
  };
  const changeAccount = (patch: Partial<AccountSettings>) => {
    setSaved(false);
    setAccountDraft((current) => current && { ...current, ...patch });
  };

  return (
    <form className="form settings-form" onSubmit={submit}>
      <label>
        {t('settings.language')}
        <select value={draft.language} onChange={(e) => change({ language: e.target.value as Settings['language'] })}>
          <option value="system">{t('settings.languageSystem')}</option>
          <option value="en" lang="en">
            English
          </option>
          <option value="nl" lang="nl">
            Nederlands
          </option>
        </select>
      </label>
      <label className="checkbox">
        <input type="checkbox" checked={draft.notifications} onChange={(e) => change({ notifications: e.target.checked })} />
        {t('settings.notifications')}
      </label>
      {api.features.tray && (
        <label className="checkbox">
          <input type="checkbox" checked={draft.closeToTray} onChange={(e) => change({ closeToTray: e.target.checked })} />
          {t('settings.closeToTray')}
        </label>
      )}
      {accountDraft && (
        <fieldset className="account-settings">
          <legend>{t('settings.accountSection', { server: serverName({ serverUrl }) ?? '' })}</legend>
          <label>
            {t('settings.timeout')}
            <input
              type="number"
              min={10}
              max={600}
              step={1}
              required
              value={accountDraft.otrRequestTimeoutSec}
              onChange={(e) => changeAccount({ otrRequestTimeoutSec: Math.round(Number(e.target.value)) })}
            />
          </label>
          <label className="checkbox">
            <input
              type="checkbox"
              checked={accountDraft.nativeOtr}
              aria-describedby="settings-native-otr-hint"
              onChange={(e) => changeAccount({ nativeOtr: e.target.checked })}
            />
            {t('settings.nativeOtr')}
          </label>
          <p id="settings-native-otr-hint" className="hint">
            {t('settings.nativeOtrHint')}
          </p>
        </fieldset>
      )}
      {/* The status comes first: in a right-aligned row it grows to the left, so Save never moves when it appears. */}
      <div className="button-row">
        <span role="status" className="hint">
          {saved ? t('settings.saved') : ''}
        </span>
        <button type="submit" className="primary">
          {t('settings.save')}
        </button>
      </div>
    </form>
  );
}

function OwnFingerprint() {
  const t = useT();
  const api = useApi();
  const keygen = useApp((s) => s.keygen);
  const [own, setOwn] = useState<string | null | undefined>(undefined);
  // A key that exists but cannot be read is not "created later": say what is wrong instead.
  const [unreadable, setUnreadable] = useState(false);
  useEffect(() => {
    let current = true;
    void api.otr.ownFingerprint().then((result) => {
      if (current) setOwn(result.ok ? result.value : null);
    });
    void api.otr.problems().then((result) => {
      if (current) setUnreadable(result.ok && result.value.some((p) => p.code === 'otr-key-unreadable'));
    });
    return () => {
      current = false;
    };
  }, [api, keygen]);
  return (
    <section>
      {own ? (
        <FingerprintBlock label={t('settings.ownFingerprint')} fingerprint={own} copyLabel={t('fp.copyOwn')} level={2} />
      ) : (
        <>
          <h2>{t('settings.ownFingerprint')}</h2>
          <p className="hint" role="status">
            {keygen === 'generating'
              ? t('settings.keygen')
              : keygen === 'failed'
                ? t('settings.keygenFailed')
                : own === null
                  ? unreadable
                    ? errorText(t, { code: 'otr-key-unreadable' })
                    : t('settings.noKey')
                  : ''}
          </p>
        </>
      )}
    </section>
  );
}

function KnownFingerprints() {
  const t = useT();
  const api = useApi();
  const { entries, error, revoke } = useRevocableList(
    () => api.otr.knownFingerprints(),
    (entry: KnownFingerprint) => api.otr.forgetFingerprint(entry.userId, entry.fingerprint),
  );
  return (
    <section>
      <h2>{t('fp.knownAll')}</h2>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {entries && <KnownFingerprintList entries={entries} showNames onForget={revoke} />}
    </section>
  );
}
