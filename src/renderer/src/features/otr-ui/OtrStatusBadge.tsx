// The room's privacy at a glance: icon and words.
import type { OtrRoomView } from '../../../../contract/model.js';
import { useT } from '../../store/context.js';
import { StatusIconView } from '../../ui/icons.js';
import { otrStatus } from './otr-status.js';

export function OtrStatusBadge(props: { view: OtrRoomView | undefined }) {
  const t = useT();
  const status = otrStatus(props.view);
  return (
    <span className={`otr-badge otr-badge-${status.icon}`} data-testid="otr-status">
      <StatusIconView icon={status.icon} />
      {t(status.key)}
    </span>
  );
}
