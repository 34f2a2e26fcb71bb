// The fixtures the screen specs use: localized clients, plus a real server outage. Stopping the server outright
// (instead of dropping sockets, which the client repairs within half a second) makes every reconnect attempt fail
// at once, so the backoff grows and the "Reconnecting in N s" banner stays up long enough to be looked at.
import { join } from 'node:path';
import { startServer } from '../../server/index.js';
import type { LocalServer } from '../fixtures/two-users.js';
import { expect, test as localized } from './localized-clients.js';

export interface Outage {
  /** Stops the server; its data is saved to the fixture's data file. */
  begin(): Promise<void>;
  /** Starts the server again on the same port from that data (users, tokens, rooms, messages). */
  end(): Promise<LocalServer>;
}

export const test = localized.extend<{ outage: Outage }>({
  outage: async ({ server, workDir }, use) => {
    let revived: LocalServer | undefined;
    await use({
      begin: () => server.close(),
      end: async () => {
        // The shared fixture keeps its data here (see e2e/fixtures/two-users.ts).
        revived = await startServer({ port: server.port, dataFile: join(workDir, 'server-data.json') });
        return revived;
      },
    });
    await revived?.close();
  },
});

export { expect };
export type { LocalizedClient, Language } from './localized-clients.js';
