// A menu button (WAI-ARIA menu pattern): arrows move, Home/End jump, Escape closes and returns focus.
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';

export interface MenuItem {
  id: string;
  label: string;
  /** Shown under the label and announced as the item's description. */
  description?: string;
  disabled?: boolean;
  onSelect: () => void;
}

export function Menu(props: { label: string; icon: ReactNode; items: readonly MenuItem[] }) {
  const [open, setOpen] = useState(false);
  const menuId = useId();
  const buttonRef = useRef<HTMLButtonElement>(null);
  const listRef = useRef<HTMLUListElement>(null);

  const items = () => Array.from(listRef.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? []);
  const focusItem = (index: number) => {
    const all = items();
    if (all.length === 0) return;
    all[(index + all.length) % all.length]!.focus();
  };
  const close = (returnFocus: boolean) => {
    setOpen(false);
    if (returnFocus) buttonRef.current?.focus();
  };

  useEffect(() => {
    if (open) focusItem(0);
  }, [open]);

  const onMenuKeyDown = (event: React.KeyboardEvent) => {
    const all = items();
    const current = all.indexOf(document.activeElement as HTMLElement);
    const moves: Record<string, () => void> = {
      ArrowDown: () => focusItem(current + 1),
      ArrowUp: () => focusItem(current - 1),
      Home: () => focusItem(0),
      End: () => focusItem(all.length - 1),
      Escape: () => close(true),
      Tab: () => close(false),
    };
    const move = moves[event.key];
    if (!move) return;
    if (event.key !== 'Tab') event.preventDefault();
    move();
  };

  const onButtonKeyDown = (event: React.KeyboardEvent) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      setOpen(true);
    }
  };

  return (
    <div className="menu">
      <button
        ref={buttonRef}
        type="button"
        className="icon-button"
        aria-label={props.label}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        onClick={() => setOpen(!open)}
        onKeyDown={onButtonKeyDown}
      >
        {props.icon}
      </button>
      {open && (
        <ul
          ref={listRef}
          id={menuId}
          role="menu"
          aria-label={props.label}
          className="menu-list"
          onKeyDown={onMenuKeyDown}
          onBlur={(event) => {
            if (!listRef.current?.contains(event.relatedTarget as Node | null) && event.relatedTarget !== buttonRef.current) {
              setOpen(false);
            }
          }}
        >
          {props.items.map((item) => (
            <MenuEntry key={item.id} item={item} onDone={() => close(true)} />
          ))}
        </ul>
      )}
    </div>
  );
}

function MenuEntry(props: { item: MenuItem; onDone: () => void }) {
  const descriptionId = useId();
  const { item } = props;
  return (
    <li role="none">
      <button
        type="button"
        role="menuitem"
        tabIndex={-1}
        className="menu-item"
        aria-label={item.label}
        aria-disabled={item.disabled ? true : undefined}
        aria-describedby={item.description ? descriptionId : undefined}
        onClick={() => {
          if (item.disabled) return;
          props.onDone();
          item.onSelect();
        }}
      >
        <span className="menu-item-label">{item.label}</span>
        {item.description && (
          <span id={descriptionId} className="menu-item-description">
            {item.description}
          </span>
        )}
      </button>
    </li>
  );
}
