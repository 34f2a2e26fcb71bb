// Helpers for tests against the local Rocket.Chat-compatible server (server/index.ts).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { startServer, type LocalServer, type ServerOptions } from '../../server/index.js';
import { createRocketChatClient } from '../../src/main/rocketchat/client.js';
import { openWebSocket, type SocketFactory } from '../../src/main/rocketchat/socket.js';
import type { RcMessage, RocketChatClient, RocketChatDeps, RocketChatOptions } from '../../src/main/rocketchat/types.js';
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
    sent: () => counting.sockets.flatMap((s) => s.sent),
  };
}

export const fastOptions: Partial<RocketChatOptions> = {
  backoff: { baseMs: 40, capMs: 400 },
  callTimeoutMs: 5000,
  connectTimeoutMs: 3000,
};

type ClientExtras = Pick<RocketChatDeps, 'openSocket' | 'fetch' | 'probeFetch' | 'ssoWindow'> & { options?: Partial<RocketChatOptions> };

export function makeClient(extra: ClientExtras = {}) {
  const secrets = memorySecrets();
  const logger = recordingLogger();
  const client = createRocketChatClient({
    secrets, logger, ...extra, options: { ...fastOptions, ...extra.options },
  });
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

export { until } from '../until.js';

export async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'resolved';
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  }
}

/**
 * One test file's live resources: servers started with `start`, clients made with `tracked`, folders from
 * `tempDir`. After each test the clients are disposed, then the servers closed, then the folders removed (a server
 * writes its data file until it closes).
 */
export function liveScope() {
  const servers: LocalServer[] = [];
  const cleanups: (() => Promise<unknown>)[] = [];
  const dirs: string[] = [];
  const tracked = (extra: Parameters<typeof makeClient>[0] = {}) => {
    const made = makeClient(extra);
    cleanups.push(() => made.client.dispose());
    return made;
  };
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup();
    for (const server of servers.splice(0)) await server.close();
    for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
  });
  return {
    async start(options: ServerOptions = {}): Promise<LocalServer> {
      const server = await demoServer(options);
      servers.push(server);
      return server;
    },
    tracked,
    /** A tracked client, signed in to `server` as `user` (password 'demo'). */
    async signedIn(server: LocalServer, user: string, extra: Parameters<typeof makeClient>[0] = {}) {
      const made = tracked(extra);
      await signIn(made.client, server, user);
      return made;
    },
    /** Runs `cleanup` after the test, before the servers close. */
    defer(cleanup: () => Promise<unknown>): void {
      cleanups.push(cleanup);
    },
    async tempDir(): Promise<string> {
      const dir = await mkdtemp(join(tmpdir(), 'otr-desk-rc-'));
      dirs.push(dir);
      return dir;
    },
  };
}
