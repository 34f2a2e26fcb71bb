// Servers and DDP clients a test file starts, closed after the file.
import { afterAll } from 'vitest';
import { startServer, type LocalServer, type ServerOptions } from '../../server/index.js';
import { TestDdp } from './ddp-client.js';

export function serverPool() {
  const servers: LocalServer[] = [];
  const clients: TestDdp[] = [];
  afterAll(async () => {
    for (const c of clients) c.close();
    for (const s of servers) await s.close();
  });
  return {
    async serve(options: ServerOptions): Promise<LocalServer> {
      const server = await startServer({ seed: 'demo', ...options });
      servers.push(server);
      return server;
    },
    async open(server: LocalServer): Promise<TestDdp> {
      const client = await TestDdp.open(server.url);
      clients.push(client);
      return client;
    },
  };
}
