// Where an SSO provider's page opens when there is no Electron: the browser host asks its page to open a popup
// ('auth.ssoWindow') and hears when it closed ('auth.ssoWindowClosed'). The popup shows another origin, whose
// address the page cannot read: this window is blind (see SsoWindow in rocketchat/sso.ts).
import type { EventSink } from '../contract/events.js';
import type { SsoEnd, SsoWindow } from './rocketchat/sso.js';

export interface PopupSsoWindow extends SsoWindow {
  /** The page's popup closed (or could not be opened). */
  closed(): void;
}

export function createPopupSsoWindow(emit: EventSink): PopupSsoWindow {
  let pending: ((end: SsoEnd | { kind: 'closed' }) => void) | undefined;
  const settle = (): void => {
    const resolve = pending;
    pending = undefined;
    resolve?.({ kind: 'closed' });
  };
  return {
    blind: true,
    open(url, size) {
      settle();
      return new Promise((resolve) => {
        pending = resolve;
        emit('auth.ssoWindow', { url, width: size.width, height: size.height });
      });
    },
    abort: settle,
    closed: settle,
  };
}
