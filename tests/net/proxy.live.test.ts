// Issue 16: a real HTTP proxy (Debian's tinyproxy) carries a whole session — sign-in, realtime, an OTR
// conversation between two clients — chosen the way the browser host chooses it (HTTP_PROXY); its log proves
// the traffic went through it. With the proxy down, the sign-in says so.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventName, EventPayload } from '../../src/contract/events.js';
import type { Message, OtrRoomView } from '../../src/contract/model.js';
import { createAppCore, type AppCore } from '../../src/main/app-core.js';
import { CertificatePins } from '../../src/main/net/certificate-pins.js';
import { createNetwork } from '../../src/main/net/network.js';
import { envProxyResolver } from '../../src/main/net/proxy.js';
import { startServer, type LocalServer } from '../../server/index.js';
import { until } from '../until.js';
import { freePort, proxyVerdict, startTinyproxy, tinyproxyPath, type Tinyproxy } from '../../e2e/fixtures/tinyproxy.js';

const binary = tinyproxyPath();
const verdict = proxyVerdict(binary, process.env);
if (verdict === 'skip') console.warn('proxy tests skipped: tinyproxy is not installed (apt-get install tinyproxy)');
if (verdict === 'fail') {
  it('has tinyproxy, as CI must', () => {
    expect.fail('CI=true, but tinyproxy is not installed (.ci/run installs it)');
  });
}

interface Party {
  core: AppCore;
  profileDir: string;
  views(roomId: string): OtrRoomView[];
  messages(roomId: string): Message[];
}

async function party(env: Record<string, string>): Promise<Party> {
  const events: { name: EventName; payload: unknown }[] = [];
  const emit = <K extends EventName>(name: K, payload: EventPayload<K>) => void events.push({ name, payload });
  const profileDir = mkdtempSync(join(tmpdir(), 'otr-desk-proxy-'));
  const network = createNetwork({ pins: await CertificatePins.open(profileDir), proxyFor: envProxyResolver(env) });
  const core = await createAppCore({ profileDir, emit, network });
  const of = <K extends EventName>(name: K) => events.filter((e) => e.name === name).map((e) => e.payload as EventPayload<K>);
  return {
    core,
    profileDir,
    views: (roomId) => of('otr.changed').filter((v) => v.roomId === roomId),
    messages: (roomId) => of('chat.message').filter((m) => m.roomId === roomId),
  };
}

describe.skipIf(verdict !== 'run')('through a real HTTP proxy (tinyproxy)', () => {
  let server: LocalServer;
  let proxy: Tinyproxy;
  const parties: Party[] = [];

  beforeAll(async () => {
    server = await startServer({ port: 0, seed: 'demo' });
    proxy = await startTinyproxy(binary ?? '', mkdtempSync(join(tmpdir(), 'otr-desk-tinyproxy-')));
  });
  afterAll(async () => {
    for (const p of parties) {
      await p.core.dispose();
      rmSync(p.profileDir, { recursive: true, force: true });
    }
    await proxy?.stop();
    await server?.close();
  });

  it('carries sign-in, realtime and an OTR conversation between two clients, and its log shows it', async () => {
    const env = { HTTP_PROXY: proxy.url, HTTPS_PROXY: proxy.url };
    const [alice, bob] = [await party(env), await party(env)];
    parties.push(alice, bob);
    for (const [p, user] of [[alice, 'alice'], [bob, 'bob']] as const) {
      expect(await p.core.handlers['auth.login']({ serverUrl: server.url, user, password: 'demo' })).toMatchObject({ ok: true, value: { kind: 'signed-in' } });
    }
    const room = await alice.core.handlers['rooms.startDirect']('bob');
    if (!room.ok) throw new Error('no DM');
    const roomId = room.value.id;
    await alice.core.handlers['rooms.open'](roomId);
    await until(() => bob.core.rooms().some((r) => r.id === roomId), 'bob sees the DM');
    await bob.core.handlers['rooms.open'](roomId);
    const phase = (p: Party) => p.views(roomId).at(-1)?.phase;

    await alice.core.handlers['otr.start'](roomId);
    await until(() => phase(bob) === 'incoming', 'bob is asked');
    await bob.core.handlers['otr.accept'](roomId);
    await until(() => phase(alice) === 'private' && phase(bob) === 'private', 'both private');
    await alice.core.handlers['chat.send'](roomId, 'through the proxy, for bob only');
    await until(() => bob.messages(roomId).some((m) => m.text === 'through the proxy, for bob only' && m.kind === 'private'), 'bob reads it');
    expect(server.records.messages().map((m) => m.msg).join('\n')).not.toContain('through the proxy');

    // Every connection of both clients was a CONNECT to the server's port: REST calls and one DDP socket each.
    const tunnels = proxy.log().split('\n').filter((line) => line.includes(`Request (file descriptor`) && line.includes(`CONNECT 127.0.0.1:${server.port} `));
    expect(tunnels.length).toBeGreaterThanOrEqual(4);
  });

  it('with the proxy down, signing in says the proxy could not be reached', async () => {
    const down = `http://127.0.0.1:${await freePort()}`;
    const carol = await party({ HTTP_PROXY: down });
    parties.push(carol);
    const outcome = await carol.core.handlers['auth.login']({ serverUrl: server.url, user: 'carol', password: 'demo' });
    expect(outcome).toMatchObject({ ok: false, error: { code: 'proxy-unreachable' } });
  });
});
