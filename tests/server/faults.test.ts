import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startServer, type LocalServer } from '../../server/index.js';
import { loggedIn, TestDdp } from './ddp-client.js';

let dir: string;
const clients: TestDdp[] = [];
const track = <T extends TestDdp>(client: T): T => {
  clients.push(client);
  return client;
};

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'otr-desk-server-'));
});
afterAll(async () => {
  for (const c of clients) c.close();
  await rm(dir, { recursive: true, force: true });
});

describe('fault controls', () => {
  let server: LocalServer;
  beforeAll(async () => {
    server = await startServer({ seed: 'demo' });
  });
  afterAll(async () => server.close());

  it('dropAllSockets cuts every socket without a close frame; new connections work', async () => {
    const a = track(await loggedIn(server.url, 'alice'));
    const b = track(await loggedIn(server.url, 'bob'));
    server.faults.dropAllSockets();
    expect((await a.closed).code).toBe(1006);
    expect((await b.closed).code).toBe(1006);
    const again = track(await loggedIn(server.url, 'alice'));
    await again.barrier();
  });

  it('pause holds answers and deliveries; resume delivers them in order', async () => {
    const alice = track(await loggedIn(server.url, 'alice'));
    const bob = track(await loggedIn(server.url, 'bob'));
    const { rid } = await alice.ok('createDirectMessage', 'bob');
    await bob.stream('stream-room-messages', rid);
    server.faults.pause();
    const restDuringPause = fetch(`${server.url}/api/info`).then((r) => r.json());
    const fromAlice = alice.mark();
    const fromBob = bob.mark();
    const sending = alice.ok('sendMessage', { rid, msg: 'held' });
    await alice.transportRoundTrip();
    expect(alice.frames.slice(fromAlice)).toEqual([]);
    expect(server.records.messages().some((m) => m.msg === 'held')).toBe(false);
    server.faults.resume();
    const sent = await sending;
    const [delivered] = await bob.waitForEvent('stream-room-messages', rid, fromBob);
    expect(delivered._id).toBe(sent._id);
    expect(await restDuringPause).toEqual({ version: '8.0', success: true });
  });

  it('delayFrames delays outgoing frames and keeps their order', async () => {
    const alice = track(await loggedIn(server.url, 'alice'));
    server.faults.delayFrames(300);
    try {
      const from = alice.mark();
      for (const id of ['1', '2', '3', '4']) alice.send({ msg: 'ping', id });
      await alice.transportRoundTrip();
      expect(alice.frames.slice(from)).toEqual([]);
      await alice.waitFor((f) => f.msg === 'pong' && f.id === '4', from);
      expect(alice.frames.slice(from).map((f) => f.id)).toEqual(['1', '2', '3', '4']);
    } finally {
      server.faults.delayFrames(0);
    }
  });

  it('injectMalformedFrame sends non-JSON to every socket, which stays usable', async () => {
    const alice = track(await loggedIn(server.url, 'alice'));
    const from = alice.raw.length;
    server.faults.injectMalformedFrame();
    await alice.barrier();
    const injected = alice.raw.slice(from).filter((text) => {
      try {
        JSON.parse(text);
        return false;
      } catch {
        return true;
      }
    });
    expect(injected).toHaveLength(1);
  });
});

describe('data file and restart', () => {
  it('restart closes sockets, reloads the data file and listens on the same port; messages and tokens survive', async () => {
    const dataFile = join(dir, 'restart.json');
    const server = await startServer({ seed: 'demo', dataFile });
    try {
      const alice = track(await loggedIn(server.url, 'alice'));
      const { token } = await alice.login('alice', 'demo');
      const { rid } = await alice.ok('createDirectMessage', 'bob');
      const sent = await alice.ok('sendMessage', { rid, msg: 'kept across restart' });
      await server.faults.restart();
      expect((await alice.closed).code).toBe(1012);
      const back = track(await TestDdp.open(server.url));
      expect((await back.ok('login', { resume: token })).id).toBe(alice.uid);
      const history = await back.ok('loadHistory', rid, null, 10, null);
      expect(history.messages.map((m: { _id: string }) => m._id)).toEqual([sent._id]);
      const text = await readFile(dataFile, 'utf8');
      expect(text).toContain('kept across restart');
      expect(text).not.toContain(token);
    } finally {
      await server.close();
    }
  });

  it('a new server on the same data file starts with everything the old one stored', async () => {
    const dataFile = join(dir, 'reopen.json');
    const first = await startServer({ seed: 'demo', dataFile });
    const alice = track(await loggedIn(first.url, 'alice'));
    const { rid } = await alice.ok('createDirectMessage', 'carol');
    await alice.ok('sendMessage', { rid, msg: 'written on close' });
    await first.close();
    const second = await startServer({ seed: 'demo', dataFile });
    try {
      expect(second.records.messages().map((m) => m.msg)).toEqual(['written on close']);
      expect(second.users().filter((u) => u.username === 'alice')).toHaveLength(1);
      const carol = track(await loggedIn(second.url, 'carol'));
      const subs = await carol.ok('subscriptions/get');
      expect(subs.find((s: { rid: string }) => s.rid === rid)).toMatchObject({ unread: 1, alert: true });
    } finally {
      await second.close();
    }
  });
});
