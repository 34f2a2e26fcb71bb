// The row of buttons under a dialog's text. Every OTR dialog ends in one; the shape (type, busy lock, which
// button takes the focus) is decided here once.
export interface DialogAction {
  label: string;
  onClick: () => void;
  /** The recommended answer: drawn as primary. */
  primary?: boolean;
  /** Gets the focus when the dialog opens (Dialog looks for data-autofocus). */
  focus?: boolean;
  disabled?: boolean;
}

export function DialogButtons(props: { actions: readonly DialogAction[]; busy?: boolean }) {
  return (
    <div className="button-row">
      {props.actions.map((action) => (
        <button
          key={action.label}
          type="button"
          className={action.primary ? 'primary' : undefined}
          disabled={props.busy === true || action.disabled === true}
          data-autofocus={action.focus ? true : undefined}
          onClick={action.onClick}
        >
          {action.label}
        </button>
      ))}
    </div>
  );
}
