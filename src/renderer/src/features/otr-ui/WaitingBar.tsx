// My own request, while the peer has not answered: a strip under the chat's header with the countdown and Cancel.
// It blocks nothing: the user can open and read other rooms meanwhile (the room list says the request waits).
import { useEffect, useId, useLayoutEffect, useRef } from 'react';
import { useT } from '../../store/context.js';
import { HourglassIcon } from '../../ui/icons.js';
import { Countdown, type PhaseDialogProps } from './RequestDialogs.js';
import { useOtrAction } from './use-otr-action.js';

export function WaitingBar(props: PhaseDialogProps) {
  const t = useT();
  const titleId = useId();
  const ref = useRef<HTMLElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const { roomId } = props.view;
  const { busy, act } = useOtrAction(roomId);
  const cancel = () => {
    if (!busy) act((otr) => otr.cancel(roomId));
  };

  // Right after the user asked from the header's ⋮ menu, Cancel takes the focus (as the dialog's did); arriving
  // from the room list leaves the focus where the user put it.
  useEffect(() => {
    const active = ref.current?.ownerDocument.activeElement;
    if (!active || active === ref.current?.ownerDocument.body || active.closest('.room-header')) cancelRef.current?.focus();
  }, []);

  // When the strip goes (answered, cancelled, expired) with the focus in it, the focus goes back to the ⋮ menu
  // the request came from instead of dropping to the page. A layout cleanup still sees the strip in the document.
  useLayoutEffect(() => {
    const strip = ref.current;
    return () => {
      if (!strip?.contains(strip.ownerDocument.activeElement)) return;
      strip.closest('.chat')?.querySelector<HTMLElement>('.room-header [aria-haspopup="menu"]')?.focus();
    };
  }, []);

  return (
    <section
      ref={ref}
      className="waiting-bar"
      aria-labelledby={titleId}
      onKeyDown={(event) => {
        if (event.key !== 'Escape') return;
        event.stopPropagation();
        cancel();
      }}
    >
      <HourglassIcon />
      <div className="waiting-bar-text">
        <h2 id={titleId} className="waiting-bar-title">
          {t('otr.waiting.title', { user: props.peer })}
        </h2>
        <p>{t('otr.waiting.body', { user: props.peer })}</p>
      </div>
      {props.view.expiresAt !== undefined && <Countdown expiresAt={props.view.expiresAt} />}
      {/* aria-disabled, not disabled: a disabled button loses the focus, which then could not go back to ⋮. */}
      <button ref={cancelRef} type="button" aria-disabled={busy || undefined} onClick={cancel}>
        {t('app.cancel')}
      </button>
    </section>
  );
}
