// Where an SSO flow opens when there is no Electron: the browser host asks its page to open a popup
// ('auth.ssoWindow') and hears when it closed ('auth.ssoWindowClosed'). The popup does not open the provider
// directly: it opens this process's loopback forwarder of the flow (sso-proxy), so the flow's end arrives here,
// where it is read as Electron's window reads its address.
import type { EventSink } from '../contract/events.js';
import type { SsoEnd, SsoWindow } from './rocketchat/sso.js';
import { startSsoProxy, type SsoProxy } from './sso-proxy/proxy.js';

export interface PopupSsoWindow extends SsoWindow {
  /** The page's popup closed (or could not be opened). */
  closed(): void;
}

export function createPopupSsoWindow(emit: EventSink, fetchImpl?: typeof fetch): PopupSsoWindow {
  let flow: { resolve: (end: SsoEnd | { kind: 'closed' }) => void; proxy?: SsoProxy } | undefined;
  const settle = (end: SsoEnd | { kind: 'closed' }): void => {
    const current = flow;
    flow = undefined;
    void current?.proxy?.close();
    current?.resolve(end);
  };
  return {
    open(url, size, watch, reach) {
      settle({ kind: 'closed' });
      return new Promise((resolve) => {
        const own = { resolve } as NonNullable<typeof flow>;
        flow = own;
        startSsoProxy({ firstUrl: url, reach, watch, onEnd: (end) => flow === own && settle(end), ...(fetchImpl ? { fetchImpl } : {}) }).then(
          (proxy) => {
            if (flow !== own) return void proxy.close();
            own.proxy = proxy;
            emit('auth.ssoWindow', { url: proxy.startUrl, width: size.width, height: size.height });
          },
          // A flow whose first page is outside its reach never opens (the server's configuration is wrong).
          () => flow === own && settle({ kind: 'failed' }),
        );
      });
    },
    abort: () => settle({ kind: 'closed' }),
    closed: () => settle({ kind: 'closed' }),
  };
}
