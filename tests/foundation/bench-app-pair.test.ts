// `npm run bench` on a loaded machine: a latency run whose keys or sessions never come must stop with a sentence
// saying what did not happen, and close what it started, instead of waiting or hanging without end.
import { afterEach, describe, expect, it } from 'vitest';
import { startAppPair } from '../../bench/lib/app-pair.js';
import { MemorySecrets } from '../../bench/lib/memory-secrets.js';
import { latencySection } from '../../bench/sections/latency.js';
import { startServer, type LocalServer } from '../../server/index.js';
import { until } from '../until.js';

/** Keys that take longer than any limit: the machine is too busy to make them. */
const neverMade = (): Promise<never> => new Promise(() => undefined);

/** Everything the app keeps as a secret works, but the stored identity key never reads back. */
class KeyNeverReads extends MemorySecrets {
  override read(name: string): Promise<string | null> {
    return name.startsWith('otr-identity:') ? new Promise(() => undefined) : super.read(name);
  }
}

/** Stored but never read back, so never parsed. */
const unreadKeys = () => {
  const key = { packedKey: 'never read', instanceTagHex: '00000100', fingerprint: 'A'.repeat(40) };
  return Promise.resolve([key, key] as [typeof key, typeof key]);
};

let server: LocalServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('bench app pair', () => {
  it('rejects the latency section with a sentence when the identity keys are not made in time', async () => {
    const run = latencySection({ messages: 2, delayedMessages: 2, delayMs: 0 }, { identities: neverMade, keyLimitMs: 50 });
    await expect(run).rejects.toThrow("alice's and bob's OTR identity keys were not made within 0.05 s: the machine is too busy; run the bench when it is quieter");
  });

  it('signs alice and bob out and rejects with a sentence when their DM never becomes ready for OTR', async () => {
    server = await startServer({ port: 0, seed: 'demo', rateLimits: { enabled: false } });
    const start = startAppPair({ server, secrets: () => new KeyNeverReads(), waitLimitMs: 10_000, identities: unreadKeys });
    await expect(start).rejects.toThrow(/^alice: the DM never became ready for OTR within 10 s|^bob: the DM never became ready for OTR within 10 s/);
    // Both app cores were closed: the server sees neither of them any more.
    const online = (): string[] => server!.users().filter((u) => ['alice', 'bob'].includes(u.username) && u.status !== 'offline').map((u) => u.username);
    await until(() => online().length === 0, 'alice and bob to go offline');
  });
});
