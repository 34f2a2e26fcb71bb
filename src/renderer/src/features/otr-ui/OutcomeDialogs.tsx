// Dialogs after something happened to the session: declined, no answer, error, ended by the peer, new key.
import { useId } from 'react';
import { useApp, useT } from '../../store/context.js';
import { Dialog } from '../../ui/Dialog.js';
import { DialogButtons } from '../../ui/DialogButtons.js';
import { errorText } from '../../ui/error-text.js';
import { EndedIcon, WarningIcon } from '../../ui/icons.js';
import { formatFingerprint } from './fingerprint-format.js';
import type { PhaseDialogProps } from './RequestDialogs.js';
import { useOtrAction } from './use-otr-action.js';

/** Declined, timed out and error share one shape: what happened, then Retry (start again) or Close. */
export function RetryDialog(props: PhaseDialogProps) {
  const t = useT();
  const bodyId = useId();
  const { view, peer } = props;
  const { roomId } = view;
  const { busy, act } = useOtrAction(roomId);
  const close = () => act((otr) => otr.dismiss(roomId));
  let title: string;
  let body: string;
  if (view.phase === 'declined') {
    title = t('otr.declined.title');
    body = t('otr.declined.body', { user: peer });
  } else if (view.phase === 'timed-out') {
    title = t('otr.timedOut.title');
    body = t('otr.timedOut.body', { user: peer });
  } else {
    title = t('otr.error.title');
    body = view.error ? errorText(t, view.error) : t('error.internal');
  }
  return (
    <Dialog title={title} describedBy={bodyId} onEscape={close} icon={<WarningIcon />}>
      <p id={bodyId}>{body}</p>
      <DialogButtons
        busy={busy}
        actions={[
          { label: t('app.close'), onClick: close },
          { label: t('app.retry'), primary: true, focus: true, onClick: () => act((otr) => otr.start(roomId)) },
        ]}
      />
    </Dialog>
  );
}

export function PeerEndedDialog(props: PhaseDialogProps) {
  const t = useT();
  const bodyId = useId();
  const { roomId } = props.view;
  const { busy, act } = useOtrAction(roomId);
  // No Escape: sending stays blocked until the user has seen that the conversation is no longer private.
  return (
    <Dialog role="alertdialog" title={t('otr.ended.title')} describedBy={bodyId} icon={<EndedIcon />}>
      <p id={bodyId}>{t('otr.ended.body', { user: props.peer })}</p>
      <DialogButtons
        busy={busy}
        actions={[
          {
            label: t('otr.ended.confirm'),
            primary: true,
            focus: true,
            onClick: () => act((otr) => otr.confirmEnded(roomId)),
          },
        ]}
      />
    </Dialog>
  );
}

export function KeyChangedDialog(props: PhaseDialogProps) {
  const t = useT();
  const openFingerprints = useApp((s) => s.openFingerprints);
  const bodyId = useId();
  const { view } = props;
  const { roomId } = view;
  const { busy, act } = useOtrAction(roomId);
  // Accepting binds to the fingerprint shown here, not to whatever key main holds when the click arrives.
  const shown = view.peerFingerprint;
  return (
    <Dialog
      role="alertdialog"
      title={t('otr.keyChanged.title', { user: props.peer })}
      describedBy={bodyId}
      icon={<WarningIcon />}
    >
      <p id={bodyId}>{t('otr.keyChanged.body', { user: props.peer })}</p>
      <dl className="fingerprint-compare">
        {view.previousFingerprint && (
          <>
            <dt>{t('otr.keyChanged.previous')}</dt>
            <dd className="fingerprint">{formatFingerprint(view.previousFingerprint)}</dd>
          </>
        )}
        {shown && (
          <>
            <dt>{t('otr.keyChanged.new')}</dt>
            <dd className="fingerprint">{formatFingerprint(shown)}</dd>
          </>
        )}
      </dl>
      <DialogButtons
        actions={[
          {
            label: t('otr.keyChanged.accept'),
            disabled: busy || !shown,
            onClick: () => shown && act((otr) => otr.acceptNewKey(roomId, shown)),
          },
          { label: t('otr.verify'), primary: true, focus: true, onClick: () => openFingerprints(roomId) },
        ]}
      />
    </Dialog>
  );
}
