// The one place a WebSocket is opened. Everything above talks to a FrameSocket, so tests can swap in a fake.
import type { Agent } from 'node:http';
import WebSocket from 'ws';

export interface SocketHandlers {
  onOpen(): void;
  onText(text: string): void;
  /** Called exactly once per socket: after a failed open, a remote close, an error or close(). */
  onClose(reason: string): void;
}

export interface FrameSocket {
  send(text: string): void;
  /** Drops the socket at once; onClose follows. */
  close(): void;
}

export type SocketFactory = (url: string, handlers: SocketHandlers) => FrameSocket;

function textOf(data: WebSocket.RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString('utf8');
  return data.toString('utf8');
}

export interface WebSocketOptions {
  /** The agent for this URL (proxy and certificate trust, src/main/net); Node's default without. */
  agentFor?: (url: string) => Agent;
  /** Why a socket failed, for whoever must tell the user more than "disconnected" (an untrusted certificate). */
  onError?: (error: Error) => void;
}

export const openWebSocket: SocketFactory = (url, handlers) => webSocketFactory({})(url, handlers);

export const webSocketFactory = (options: WebSocketOptions): SocketFactory => (url, handlers) => {
  let closed = false;
  const finish = (reason: string): void => {
    if (closed) return;
    closed = true;
    handlers.onClose(reason);
  };
  const agent = options.agentFor?.(url);
  const ws = new WebSocket(url, { perMessageDeflate: false, ...(agent ? { agent } : {}) });
  ws.on('open', () => handlers.onOpen());
  ws.on('message', (data, isBinary) => {
    if (closed || isBinary) return;
    handlers.onText(textOf(data));
  });
  ws.on('error', (error) => {
    options.onError?.(error);
    finish(`socket error: ${error.message}`);
  });
  ws.on('close', (code) => finish(`socket closed (${code})`));
  return {
    send: (text) => {
      if (!closed && ws.readyState === WebSocket.OPEN) ws.send(text);
    },
    close: () => {
      // terminate, not close: a half-dead peer may never answer a closing handshake.
      ws.terminate();
      finish('closed by client');
    },
  };
};
