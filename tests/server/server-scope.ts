// One local server per test file, and the logged-in test clients it hands out, closed after the file.
import { afterAll, beforeAll } from 'vitest';
import { startServer, type LocalServer, type ServerOptions } from '../../server/index.js';
import { loggedIn } from './ddp-client.js';

type LoggedIn = Awaited<ReturnType<typeof loggedIn>>;

export interface ServerScope {
  readonly server: LocalServer;
  login(username: string): Promise<LoggedIn>;
  /** Closes a client made elsewhere (another server) with the others. */
  track(client: LoggedIn): LoggedIn;
}

export function useDemoServer(options: ServerOptions = {}, setup?: (server: LocalServer) => void): ServerScope {
  let server: LocalServer | undefined;
  const clients: LoggedIn[] = [];
  beforeAll(async () => {
    server = await startServer({ seed: 'demo', ...options });
    setup?.(server);
  });
  afterAll(async () => {
    for (const c of clients) c.close();
    await server?.close();
  });
  return {
    get server() {
      if (!server) throw new Error('the server starts in beforeAll');
      return server;
    },
    async login(username) {
      const client = await loggedIn(this.server.url, username);
      clients.push(client);
      return client;
    },
    track(client) {
      clients.push(client);
      return client;
    },
  };
}
