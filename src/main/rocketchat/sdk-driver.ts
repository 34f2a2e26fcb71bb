// @rocket.chat/sdk's DDPDriver, typed to the part we use, on top of our FrameSocket. The sdk is patched
// (patches/@rocket.chat+sdk+1.0.0-alpha.42.patch): `reopen: false` and an injectable `WebSocket` are patch options,
// so its .d.ts does not know them, hence the narrow interface here instead of the package's own types.
import * as sdkDdp from '@rocket.chat/sdk/lib/drivers/ddp.js';
import type { FrameSocket, SocketFactory } from './socket.js';
import type { Logger } from './types.js';

/** A raw frame as the sdk's socket emits it (JSON.parse'd, not EJSON-decoded). */
export type SdkFrame = Record<string, unknown>;

export interface SdkSocket {
  config: { ping: number };
  on(event: string, listener: (frame: SdkFrame) => void): void;
}

export interface SdkDriver {
  readonly ddp: SdkSocket;
  connect(): Promise<unknown>;
  methodCall(method: string, ...params: unknown[]): Promise<unknown>;
  subscribe(topic: string, eventName: string): Promise<{ id: string }>;
  unsubscribe(subscription: { id: string }): Promise<unknown>;
}

/** What the sdk's socket expects of a WebSocket (the DOM shape; in Node the sdk would use `ws`). */
interface SdkWebSocket {
  readyState: number;
  onopen?: () => void;
  onmessage?: (event: { data: string }) => void;
  onclose?: (event: { code: number; reason: string }) => void;
  onerror?: (error: Error) => void;
  send(text: string): void;
  close(): void;
}

interface SdkDriverOptions {
  host: string;
  useSsl: boolean;
  reopen: false;
  WebSocket: new (url: string) => SdkWebSocket;
  logger: { debug(...a: unknown[]): void; info(...a: unknown[]): void; warn(...a: unknown[]): void; error(...a: unknown[]): void };
}

const DDPDriver = (sdkDdp as unknown as { DDPDriver: new (options: SdkDriverOptions) => SdkDriver }).DDPDriver;

export interface Transport {
  /** Every text frame, before the sdk parses it (liveness). */
  onText(): void;
  /** The FrameSocket the driver opened, so the caller can drop it at once. */
  opened(socket: FrameSocket): void;
}

/**
 * A driver for the DDP endpoint `url` (ws[s]://host[/path]/websocket). The sdk never reconnects on its own
 * (`reopen: false`): our connection loop owns backoff. Its log lines can carry whole frames (message text), so
 * only its errors reach our logger, and only as the sdk's fixed wording.
 */
const CALLER_HANDLED = /^\[ddp\] (Call|Subscribe) error: /;

export function createSdkDriver(url: string, openSocket: SocketFactory, logger: Logger, transport: Transport): SdkDriver {
  const match = /^(wss?):\/\/(.+)\/websocket$/.exec(url);
  if (!match?.[1] || !match[2]) throw new Error(`not a DDP endpoint: ${url}`);
  const quiet = (): void => undefined;
  return new DDPDriver({
    host: match[2],
    useSsl: match[1] === 'wss',
    reopen: false,
    WebSocket: webSocketOver(openSocket, transport),
    logger: {
      debug: quiet,
      info: quiet,
      warn: quiet,
      error: (line) => {
        const text = `[rocketchat] ${typeof line === 'string' ? line : 'the DDP driver reported an error'}`;
        // A refused call or sub ("Call error: too many requests…") is answered to its caller, who handles it (the
        // budget waits, the catch-up retries): the driver's own line about it is debug detail, not an error.
        if (typeof line === 'string' && CALLER_HANDLED.test(line)) logger.debug?.(text);
        else logger.warn(text);
      },
    },
  });
}

/** Adapts our FrameSocket (one place opens sockets; tests swap in fakes) to the WebSocket the sdk drives. */
function webSocketOver(openSocket: SocketFactory, transport: Transport): new (url: string) => SdkWebSocket {
  return class FrameSocketAsWebSocket implements SdkWebSocket {
    readyState = 0;
    onopen?: () => void;
    onmessage?: (event: { data: string }) => void;
    onclose?: (event: { code: number; reason: string }) => void;
    onerror?: (error: Error) => void;
    private readonly socket: FrameSocket;

    constructor(url: string) {
      this.socket = openSocket(url, {
        onOpen: () => {
          this.readyState = 1;
          this.onopen?.();
        },
        onText: (text) => {
          transport.onText();
          this.onmessage?.({ data: text });
        },
        onClose: (reason) => {
          const neverOpened = this.readyState === 0;
          this.readyState = 3;
          if (neverOpened) this.onerror?.(new Error(reason));
          this.onclose?.({ code: 1006, reason });
        },
      });
      transport.opened(this.socket);
    }

    send(text: string): void {
      this.socket.send(text);
    }

    close(): void {
      this.socket.close();
    }
  };
}
