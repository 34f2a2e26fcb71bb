// Inline SVG icons (no external assets). Decorative: the words next to them carry the meaning.
import type { ReactNode } from 'react';
import type { StatusIcon } from '../features/otr-ui/otr-status.js';

function Svg(props: { children: ReactNode; className?: string }) {
  return (
    <svg
      className={`icon ${props.className ?? ''}`}
      viewBox="0 0 24 24"
      width="16"
      height="16"
      aria-hidden="true"
      focusable="false"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      strokeLinecap="round"
      strokeLinejoin="round"
    >
      {props.children}
    </svg>
  );
}

export const LockIcon = () => (
  <Svg className="icon-lock">
    <rect x="5" y="11" width="14" height="10" rx="2" />
    <path d="M8 11V7a4 4 0 0 1 8 0v4" />
  </Svg>
);

export const OpenLockIcon = () => (
  <Svg className="icon-open-lock">
    <rect x="5" y="11" width="14" height="10" rx="2" />
    <path d="M8 11V7a4 4 0 0 1 7.5-2" />
  </Svg>
);

export const ShieldIcon = () => (
  <Svg className="icon-shield">
    <path d="M12 3l7 3v6c0 4.5-3 7.5-7 9-4-1.5-7-4.5-7-9V6z" />
    <path d="M9 12l2 2 4-4" />
  </Svg>
);

export const HourglassIcon = () => (
  <Svg className="icon-hourglass">
    <path d="M7 3h10M7 21h10M8 3c0 5 8 5 8 9s-8 4-8 9M16 3c0 5-8 5-8 9s8 4 8 9" />
  </Svg>
);

export const WarningIcon = () => (
  <Svg className="icon-warning">
    <path d="M12 3l10 18H2z" />
    <path d="M12 10v5M12 18h.01" />
  </Svg>
);

export const EndedIcon = () => (
  <Svg className="icon-ended">
    <circle cx="12" cy="12" r="9" />
    <path d="M8 12h8" />
  </Svg>
);

export const MoreIcon = () => (
  <svg className="icon" viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false">
    <circle cx="12" cy="5" r="2" fill="currentColor" />
    <circle cx="12" cy="12" r="2" fill="currentColor" />
    <circle cx="12" cy="19" r="2" fill="currentColor" />
  </svg>
);

export const GearIcon = () => (
  <Svg>
    <circle cx="12" cy="12" r="3" />
    <path d="M12 2v3M12 19v3M2 12h3M19 12h3M4.9 4.9l2.1 2.1M17 17l2.1 2.1M4.9 19.1L7 17M17 7l2.1-2.1" />
  </Svg>
);

export function StatusIconView(props: { icon: StatusIcon }) {
  switch (props.icon) {
    case 'lock':
      return <LockIcon />;
    case 'shield':
      return <ShieldIcon />;
    case 'hourglass':
      return <HourglassIcon />;
    case 'warning':
      return <WarningIcon />;
    case 'ended':
      return <EndedIcon />;
    case 'open-lock':
      return <OpenLockIcon />;
  }
}
