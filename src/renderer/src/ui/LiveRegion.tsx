// Polite announcements for screen readers: new messages and state changes, from the store.
import { useApp, useT } from '../store/context.js';

export function LiveRegion() {
  const t = useT();
  const announcement = useApp((s) => s.announcement);
  return (
    <div className="visually-hidden" role="status" aria-live="polite" aria-atomic="true">
      {announcement && <span key={announcement.seq}>{t(announcement.key, announcement.params)}</span>}
    </div>
  );
}
