// Helpers for tests against the local Rocket.Chat-compatible server (server/index.ts).
import { startServer, type LocalServer, type ServerOptions } from '../../server/index.js';
import { createRocketChatClient } from '../../src/main/rocketchat/client.js';
import { openWebSocket, type SocketFactory } from '../../src/main/rocketchat/socket.js';
import type { RcMessage, RocketChatClient, RocketChatOptions } from '../../src/main/rocketchat/types.js';
import type { ConnectionState } from '../../src/contract/model.js';
import { memorySecrets, recordingLogger, type Frame } from './helpers.js';

export async function demoServer(options: ServerOptions = {}): Promise<LocalServer> {
  return startServer({ port: 0, seed: 'demo', ...options });
}

/** Counts the frames of every socket a client opens, to prove what went over the wire. */
export function countingSockets(): { factory: SocketFactory; sockets: { sent: Frame[]; received: Frame[] }[] } {
  const sockets: { sent: Frame[]; received: Frame[] }[] = [];
  const factory: SocketFactory = (url, handlers) => {
    const log = { sent: [] as Frame[], received: [] as Frame[] };
    sockets.push(log);
    const socket = openWebSocket(url, {
      ...handlers,
      onText: (text) => {
        try {
          log.received.push(JSON.parse(text));
        } catch {
          log.received.push({ unparsable: text });
        }
        handlers.onText(text);
      },
    });
    return {
      send: (text) => {
        log.sent.push(JSON.parse(text));
        socket.send(text);
      },
      close: () => socket.close(),
    };
  };
  return { factory, sockets };
}

/** A network for one client that can be cut (current socket dropped, new ones refused) and restored. */
export function cuttableSockets() {
  const counting = countingSockets();
  let down = false;
  const open: { close(): void }[] = [];
  const factory: SocketFactory = (url, handlers) => {
    if (down) {
      queueMicrotask(() => handlers.onClose('network down'));
      return { send: () => undefined, close: () => undefined };
    }
    const socket = counting.factory(url, handlers);
    open.push(socket);
    return socket;
  };
  return {
    factory,
    cut() {
      down = true;
      for (const socket of open.splice(0)) socket.close();
    },
    restore() {
      down = false;
    },
    received: () => counting.sockets.flatMap((s) => s.received),
  };
}

export const fastOptions: Partial<RocketChatOptions> = {
  backoff: { baseMs: 40, capMs: 400 },
  callTimeoutMs: 5000,
  connectTimeoutMs: 3000,
};

export function makeClient(extra: { openSocket?: SocketFactory; options?: Partial<RocketChatOptions> } = {}) {
  const secrets = memorySecrets();
  const logger = recordingLogger();
  const client = createRocketChatClient({ secrets, logger, openSocket: extra.openSocket, options: { ...fastOptions, ...extra.options } });
  const states: ConnectionState[] = [];
  client.onState((state) => states.push(state));
  const messages: RcMessage[] = [];
  client.onMessage((_roomId, message) => messages.push(message));
  return { client, secrets, logger, states, messages };
}

export async function signIn(client: RocketChatClient, server: LocalServer, user: string, password = 'demo') {
  const outcome = await client.login({ serverUrl: server.url, user, password });
  if (outcome.kind !== 'signed-in') throw new Error(`expected signed-in, got ${outcome.kind}`);
  return outcome;
}

/** Resolves once `check` holds, re-checking on every event loop turn (the test timeout bounds the wait). */
export async function until(check: () => boolean, what: string, limitMs = 30_000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > limitMs) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'resolved';
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  }
}
