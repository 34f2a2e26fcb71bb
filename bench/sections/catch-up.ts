// Section 6: reconnect catch-up of a large account against the local server with Rocket.Chat's default rate
// limits on. Alice is in 150 rooms (100 channels, 50 DMs), 10 DMs with an OTR session in flight; while her
// network is cut, 20 users store 600 messages in 60 rooms. Measured from reconnectNow(): the time until every
// message of the OTR DMs was delivered, the calls and subscriptions the client made, and the refusals it met.
import { startServer } from '../../server/index.js';
import { createRocketChatClient } from '../../src/main/rocketchat/client.js';
import { openWebSocket, type SocketFactory } from '../../src/main/rocketchat/socket.js';
import type { Room } from '../../src/contract/model.js';
import { MemorySecrets } from '../lib/memory-secrets.js';
import { sampledText, type Figure, type SectionResult } from '../lib/report.js';
import { quantile, spread } from '../lib/stats.js';

export interface CatchUpOptions {
  runs: number;
}

export const CATCH_UP_DEFAULTS: CatchUpOptions = { runs: 3 };

interface Run {
  otrDeliveredMs: number;
  calls: number;
  refusals: number;
}

/** A network that can be cut: open sockets dropped, new ones refused until restored. */
function cuttable(): { factory: SocketFactory; cut(): void; restore(): void } {
  let down = false;
  const open: { close(): void }[] = [];
  return {
    factory: (url, handlers) => {
      if (down) {
        queueMicrotask(() => handlers.onClose('network down'));
        return { send: () => undefined, close: () => undefined };
      }
      const socket = openWebSocket(url, handlers);
      open.push(socket);
      return socket;
    },
    cut() {
      down = true;
      for (const socket of open.splice(0)) socket.close();
    },
    restore() {
      down = false;
    },
  };
}

async function waitFor(check: () => boolean, what: string, limitMs = 60_000): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`catch-up bench: gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

async function oneRun(): Promise<Run> {
  const server = await startServer({ port: 0, seed: 'demo', seedRooms: 99 });
  const net = cuttable();
  const quiet = { warn: () => undefined, error: () => undefined };
  const client = createRocketChatClient({ secrets: new MemorySecrets(), logger: quiet, openSocket: net.factory });
  try {
    const outcome = await client.login({ serverUrl: server.url, user: 'alice', password: 'demo' });
    if (outcome.kind !== 'signed-in') throw new Error('catch-up bench: sign-in failed');
    const rooms = client.rooms();
    const dm = (n: number): Room | undefined => rooms.find((r) => r.type === 'd' && r.name === `user-${n}`);
    const otr = Array.from({ length: 10 }, (_, i) => dm(i + 1)).filter((r) => r !== undefined);
    const plain = Array.from({ length: 8 }, (_, i) => dm(i + 11)).filter((r) => r !== undefined);
    const channels = rooms.filter((r) => r.type === 'c').slice(0, 42);
    for (const room of otr) client.watchOtr(room.id, true);
    const otrIds = new Set<string>();
    const delivered = new Set<string>();
    client.onMessage((_roomId, message) => delivered.add(message.id));

    net.cut();
    await waitFor(() => client.state().kind === 'reconnecting', 'the cut');
    const busy = [...otr, ...plain, ...channels];
    for (let round = 0; round < 10; round++) {
      busy.forEach((room, index) => {
        const sender = room.peer?.username ?? (index % 2 === 0 ? 'bob' : 'carol');
        const id = server.admin.post(sender, room.id, `round ${round}`);
        if (otr.includes(room)) otrIds.add(id);
      });
    }
    const before = client.callStats();
    net.restore();
    const start = performance.now();
    client.reconnectNow();
    await waitFor(() => [...otrIds].every((id) => delivered.has(id)), 'the OTR DMs');
    const otrDeliveredMs = performance.now() - start;
    const after = client.callStats();
    return { otrDeliveredMs, calls: after.taken - before.taken, refusals: after.refused };
  } finally {
    await client.dispose();
    await server.close();
  }
}

export async function catchUpSection(o: CatchUpOptions): Promise<SectionResult> {
  const runs: Run[] = [];
  for (let i = 0; i < o.runs; i++) runs.push(await oneRun());
  const times = runs.map((r) => r.otrDeliveredMs);
  const sampled = sampledText(spread(times), 'ms');
  const figures: Figure[] = [
    {
      id: 'catch-up.otr-delivered',
      label: 'reconnect of a 150-room account: all OTR DM traffic delivered',
      value: quantile(times, 0.5),
      unit: 'ms',
      goal: { max: 5000, unit: 'ms' },
      sampled,
    },
    {
      id: 'catch-up.calls',
      label: 'calls and subscriptions made until then',
      value: quantile(runs.map((r) => r.calls), 0.5),
      unit: 'calls',
      sampled,
    },
    {
      id: 'catch-up.refusals',
      label: 'too-many-requests refusals met (whole run)',
      value: Math.max(...runs.map((r) => r.refusals)),
      unit: 'refusals',
      goal: { max: 0, unit: 'refusals' },
      sampled: `worst of ${runs.length} runs`,
    },
  ];
  return {
    name: 'catch-up',
    title: 'Reconnect catch-up with the default rate limits',
    figures,
    notes: [
      'The local server runs with Rocket.Chat\'s default DDP rate limits ON (10 calls of a method per 10 s per connection, subscriptions too).',
      '600 messages in 60 rooms (10 OTR DMs, 8 plain DMs, 42 channels) are stored while the client is cut off; other rooms than the OTR DMs are caught up when opened, so they are not part of this time.',
    ],
    raw: { options: o, runs },
  };
}
