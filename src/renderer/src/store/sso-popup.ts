// Browser host: the SSO flow in a popup of the page's own browser. It opens the host's forwarder of the flow,
// which reads where the flow ends and cuts the popup's link back to this page (window.opener) before the provider's
// page loads; all this page does is report that the popup closed — or that the browser would not open it.
export interface SsoPopup {
  open(request: { url: string; width: number; height: number }): void;
  close(): void;
}

const POLL_MS = 500;

export function createSsoPopup(onClosed: () => void): SsoPopup {
  let popup: Window | null = null;
  let timer: ReturnType<typeof setInterval> | undefined;
  const stop = (): void => {
    if (timer !== undefined) clearInterval(timer);
    timer = undefined;
    popup = null;
  };
  return {
    open({ url, width, height }) {
      stop();
      const opened = typeof globalThis.open === 'function' ? globalThis.open(url, 'otrdesk-sso', `popup,width=${width},height=${height}`) : null;
      if (!opened) {
        onClosed();
        return;
      }
      popup = opened;
      timer = setInterval(() => {
        if (!popup || popup.closed) {
          stop();
          onClosed();
        }
      }, POLL_MS);
    },
    close() {
      const current = popup;
      stop();
      if (current && !current.closed) current.close();
    },
  };
}
