// Presence in words, with a shape-coded dot as a bonus (never colour alone).
import type { Presence } from '../../../../contract/model.js';
import { useT } from '../../store/context.js';

export function PresenceLabel(props: { presence: Presence | undefined }) {
  const t = useT();
  if (!props.presence) return null;
  return (
    <span className={`presence presence-${props.presence}`}>
      <span className="presence-dot" aria-hidden="true" />
      {t(`presence.${props.presence}`)}
    </span>
  );
}
