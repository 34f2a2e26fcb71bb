// Removing a server: what it deletes, said plainly, before anything is deleted.
import { useId } from 'react';
import { useT } from '../store/context.js';
import { Dialog } from '../ui/Dialog.js';
import { DialogButtons } from '../ui/DialogButtons.js';

export function RemoveServerDialog(props: { server: string; onConfirm: () => void; onCancel: () => void }) {
  const t = useT();
  const bodyId = useId();
  return (
    <Dialog title={t('rail.removeTitle', { server: props.server })} role="alertdialog" describedBy={bodyId} onEscape={props.onCancel}>
      <p id={bodyId}>{t('rail.removeBody', { server: props.server })}</p>
      <DialogButtons
        actions={[
          { label: t('app.cancel'), onClick: props.onCancel, focus: true },
          { label: t('rail.removeConfirm'), onClick: props.onConfirm, primary: true },
        ]}
      />
    </Dialog>
  );
}
