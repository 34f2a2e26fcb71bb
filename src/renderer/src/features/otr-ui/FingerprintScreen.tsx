// Compare and verify: both fingerprints, copy, QR, mark verified (bound to the fingerprint shown), SMP,
// and the peer's known fingerprints. A Rocket.Chat OTR chat gets an explanation of why it has none instead.
import { useCallback, useEffect, useId, useState } from 'react';
import type { Fingerprints } from '../../../../contract/calls.js';
import type { KnownFingerprint, OtrRoomView, Room } from '../../../../contract/model.js';
import { useApi, useApp, useT } from '../../store/context.js';
import { peerName } from '../../store/selectors.js';
import { Dialog } from '../../ui/Dialog.js';
import { errorText } from '../../ui/error-text.js';
import { LockIcon, ShieldIcon } from '../../ui/icons.js';
import { useBusy } from '../../ui/use-busy.js';
import { FingerprintBlock } from './FingerprintBlock.js';
import { KnownFingerprintList } from './KnownFingerprintList.js';
import { SmpPanel } from './SmpPanel.js';

export function FingerprintScreen(props: { room: Room; view: OtrRoomView | undefined }) {
  return props.view?.protocol === 'rocketchat' ? <NativeExplanation room={props.room} /> : <FingerprintComparison {...props} />;
}

/** Rocket.Chat's own OTR has nothing to compare: say why, and offer nothing that looks like verification. */
function NativeExplanation(props: { room: Room }) {
  const t = useT();
  const openFingerprints = useApp((s) => s.openFingerprints);
  const bodyId = useId();
  const close = () => openFingerprints(null);
  const peer = peerName(props.room);
  return (
    <Dialog title={t('fp.native.title')} describedBy={bodyId} onEscape={close} className="fingerprint-screen">
      <p id={bodyId}>{t('fp.native.body', { user: peer })}</p>
      <CloseFooter onClose={close} />
    </Dialog>
  );
}

function FingerprintComparison(props: { room: Room; view: OtrRoomView | undefined }) {
  const t = useT();
  const api = useApi();
  const runOtr = useApp((s) => s.runOtr);
  const openFingerprints = useApp((s) => s.openFingerprints);
  const [data, setData] = useState<Fingerprints | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [busy, run] = useBusy();
  const introId = useId();
  const roomId = props.room.id;
  const peer = peerName(props.room);
  const { view } = props;

  const load = useCallback(async () => {
    const result = await api.otr.fingerprints(roomId);
    if (result.ok) {
      setData(result.value);
      setLoadError(null);
    } else {
      setLoadError(errorText(t, result.error));
    }
  }, [api, roomId, t]);

  // Reload whenever the session's key or trust changes, so what is shown is what main holds.
  useEffect(() => {
    void load();
  }, [load, view?.phase, view?.verified, view?.peerFingerprint, view?.smp?.phase]);

  const close = () => openFingerprints(null);
  const shown = data?.peer;
  const setVerified = (verified: boolean) => {
    if (!shown) return;
    run(async () => {
      await runOtr(roomId, (otr) => (verified ? otr.verify(roomId, shown) : otr.unverify(roomId, shown)));
      await load();
    });
  };
  const forget = (entry: KnownFingerprint) =>
    run(async () => {
      const result = await api.otr.forgetFingerprint(entry.userId, entry.fingerprint);
      if (!result.ok) setLoadError(errorText(t, result.error));
      await load();
    });

  const inSession = view?.phase === 'private' || view?.phase === 'key-changed';
  return (
    <Dialog title={t('fp.title', { user: peer })} describedBy={introId} onEscape={close} className="fingerprint-screen">
      {/* Only this part scrolls (in a window smaller than 1024×700): Close stays in view below it. */}
      <div className="dialog-body">
        <p id={introId}>{t('fp.intro', { user: peer })}</p>
        {loadError && (
          <p className="form-error" role="alert">
            {loadError}
          </p>
        )}
        {!data ? (
          <p role="status">{t('fp.loading')}</p>
        ) : (
          <>
            <div className="fingerprint-pair">
              <FingerprintBlock label={t('fp.own')} fingerprint={data.own} copyLabel={t('fp.copyOwn')} qrAlt={t('fp.qrOwn')} />
              <FingerprintBlock
                label={t('fp.peer', { user: peer })}
                fingerprint={shown}
                copyLabel={t('fp.copyPeer', { user: peer })}
                qrAlt={t('fp.qr', { user: peer })}
              />
            </div>
            <p className="hint qr-hint">{t('fp.qrHint')}</p>
            <div className="verify-row">
              <p className={`verify-state ${data.verified ? 'verify-state-yes' : 'verify-state-no'}`}>
                {data.verified ? <ShieldIcon /> : <LockIcon />}
                {data.verified ? t('fp.verified') : t('fp.notVerified')}
              </p>
              {shown &&
                (data.verified ? (
                  <button type="button" disabled={busy} onClick={() => setVerified(false)}>
                    {t('fp.clearVerified')}
                  </button>
                ) : (
                  <button type="button" className="primary" disabled={busy} onClick={() => setVerified(true)}>
                    {t('fp.markVerified')}
                  </button>
                ))}
            </div>
            {inSession && view && <SmpPanel view={view} peer={peer} />}
            <section className="known">
              <h3>{t('fp.known', { user: peer })}</h3>
              <KnownFingerprintList entries={data.known} showNames={false} onForget={forget} />
            </section>
          </>
        )}
      </div>
      <CloseFooter onClose={close} />
    </Dialog>
  );
}

function CloseFooter(props: { onClose: () => void }) {
  const t = useT();
  return (
    <div className="button-row dialog-footer">
      <button type="button" onClick={props.onClose}>
        {t('app.close')}
      </button>
    </div>
  );
}
