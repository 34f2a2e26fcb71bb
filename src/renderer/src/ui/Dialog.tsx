// A modal dialog: named by its title, focus kept inside while open and given back on close. When the focused
// element inside goes away (Start check turns into Stop check, then into the result), the focus stays in the
// dialog, on its `[data-focus-fallback]` part or the dialog itself, instead of dropping to the page, where
// Escape and Tab would no longer reach the dialog.
import { useEffect, useId, useRef, type ReactNode } from 'react';
import { focusableIn, trapTab } from './focus.js';

export interface DialogProps {
  title: string;
  /** alertdialog for questions the user must answer now; dialog for the rest. */
  role?: 'dialog' | 'alertdialog';
  /** Called on Escape; without it Escape does nothing (the user must choose). */
  onEscape?: () => void;
  /** Id of the element that describes the dialog (announced with the title). */
  describedBy?: string;
  className?: string;
  icon?: ReactNode;
  children: ReactNode;
}

export function Dialog(props: DialogProps) {
  const titleId = useId();
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const root = ref.current;
    if (!root) return;
    const before = root.ownerDocument.activeElement;
    const preferred = root.querySelector<HTMLElement>('[data-autofocus]') ?? focusableIn(root)[0] ?? root;
    preferred.focus();
    const keepFocus = new MutationObserver(() => {
      const active = root.ownerDocument.activeElement;
      if (active !== null && active !== root.ownerDocument.body) return;
      (root.querySelector<HTMLElement>('[data-focus-fallback]') ?? root).focus();
    });
    keepFocus.observe(root, { childList: true, subtree: true });
    return () => {
      keepFocus.disconnect();
      if (before instanceof HTMLElement && before.isConnected) before.focus();
    };
  }, []);

  const onKeyDown = (event: React.KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'Escape' && props.onEscape) {
      event.stopPropagation();
      props.onEscape();
      return;
    }
    if (ref.current) trapTab(ref.current, event);
  };

  return (
    <div className="dialog-backdrop">
      <div
        ref={ref}
        className={`dialog ${props.className ?? ''}`}
        role={props.role ?? 'dialog'}
        aria-modal="true"
        aria-labelledby={titleId}
        aria-describedby={props.describedBy}
        tabIndex={-1}
        onKeyDown={onKeyDown}
      >
        <h2 id={titleId} className="dialog-title">
          {props.icon}
          {props.title}
        </h2>
        {props.children}
      </div>
    </div>
  );
}
