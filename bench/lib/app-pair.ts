// Two complete app cores (createAppCore: Rocket.Chat client, chat service, room sessions, worker engine),
// signed in as alice and bob on a local server, with a DM between them. Driven through the contract's
// handlers and events exactly as the renderer drives them, minus the clicks.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventName, EventPayload, EventSink } from '../../src/contract/events.js';
import type { OtrPhase } from '../../src/contract/model.js';
import { createAppCore, type AppCore } from '../../src/main/app-core.js';
import { startServer, type LocalServer } from '../../server/index.js';
import { MemorySecrets } from './memory-secrets.js';

const WAIT_LIMIT_MS = 60_000;

type Listener = (name: EventName, payload: unknown) => void;

export interface AppClient {
  name: string;
  core: AppCore;
  /** Resolves with the first event `name` whose payload matches, from now on. */
  next<K extends EventName>(name: K, match: (payload: EventPayload<K>) => boolean, what: string): Promise<EventPayload<K>>;
  /** Calls `listener` for every event `name` until the returned function is called. */
  on<K extends EventName>(name: K, listener: (payload: EventPayload<K>) => void): () => void;
}

export interface AppPair {
  server: LocalServer;
  alice: AppClient;
  bob: AppClient;
  roomId: string;
  dispose(): Promise<void>;
}

function hub(): { emit: EventSink; add(listener: Listener): () => void } {
  const listeners = new Set<Listener>();
  return {
    emit: (name, payload) => {
      for (const listener of [...listeners]) listener(name, payload);
    },
    add(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

async function startClient(name: string, server: LocalServer, profileDir: string): Promise<AppClient> {
  const events = hub();
  const client: Omit<AppClient, 'core'> = {
    name,
    on(eventName, listener) {
      return events.add((n, payload) => {
        if (n === eventName) listener(payload as EventPayload<typeof eventName>);
      });
    },
    next(eventName, match, what) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          off();
          reject(new Error(`${name}: no ${what} within ${WAIT_LIMIT_MS / 1000} s`));
        }, WAIT_LIMIT_MS);
        const off = client.on(eventName, (payload) => {
          if (!match(payload)) return;
          clearTimeout(timer);
          off();
          resolve(payload);
        });
      });
    },
  };
  const signedIn = client.next('session.changed', (s) => s.me !== undefined && s.connection.kind === 'online', 'sign-in');
  const keyReady = client.next('otr.keygen', (k) => k.phase === 'ready', 'identity key');
  const core = await createAppCore({
    profileDir,
    emit: events.emit,
    secrets: new MemorySecrets(),
    autoLogin: { serverUrl: server.url, user: name, password: 'demo' },
  });
  await Promise.all([signedIn, keyReady]);
  return { ...client, core };
}

/** Waits until the account's room sessions know the DM (its fingerprints can be asked for). */
async function untilOtrKnows(client: AppClient, roomId: string): Promise<void> {
  const deadline = Date.now() + WAIT_LIMIT_MS;
  while (!(await client.core.handlers['otr.fingerprints'](roomId)).ok) {
    if (Date.now() > deadline) throw new Error(`${client.name}: the DM never became eligible for OTR`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** A local server (demo users, DDP rate limits off) and alice and bob signed in with a DM between them. */
export async function startAppPair(): Promise<AppPair> {
  const server = await startServer({ port: 0, seed: 'demo', rateLimits: { enabled: false } });
  const profiles = await mkdtemp(join(tmpdir(), 'otrdesk-bench-'));
  const clients: AppClient[] = [];
  try {
    const [alice, bob] = await Promise.all([
      startClient('alice', server, join(profiles, 'alice')),
      startClient('bob', server, join(profiles, 'bob')),
    ]);
    clients.push(alice, bob);
    const room = await alice.core.handlers['rooms.startDirect']('bob');
    if (!room.ok) throw new Error(`alice could not open a DM with bob: ${room.error.code}`);
    const roomId = room.value.id;
    await Promise.all([untilOtrKnows(alice, roomId), untilOtrKnows(bob, roomId)]);
    return {
      server,
      alice,
      bob,
      roomId,
      async dispose() {
        await Promise.all(clients.map((c) => c.core.dispose()));
        await server.close();
        await rm(profiles, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await Promise.all(clients.map((c) => c.core.dispose().catch(() => undefined)));
    await server.close();
    await rm(profiles, { recursive: true, force: true });
    throw error;
  }
}

const phaseIs = (roomId: string, phase: OtrPhase) => (v: EventPayload<'otr.changed'>): boolean => v.roomId === roomId && v.phase === phase;

/**
 * alice starts OTR and bob accepts the moment he is asked, as a script would click Yes. Resolves with the
 * milliseconds from alice's start call to both sides private.
 */
export async function goPrivate(pair: AppPair): Promise<{ totalMs: number; askedMs: number }> {
  const { alice, bob, roomId } = pair;
  let askedAt = Number.NaN;
  const offAccept = bob.on('otr.changed', (v) => {
    if (v.roomId !== roomId || v.phase !== 'incoming') return;
    askedAt = performance.now();
    void bob.core.handlers['otr.accept'](roomId);
  });
  try {
    const both = Promise.all([
      alice.next('otr.changed', phaseIs(roomId, 'private'), 'private phase'),
      bob.next('otr.changed', phaseIs(roomId, 'private'), 'private phase'),
    ]);
    const start = performance.now();
    const started = await alice.core.handlers['otr.start'](roomId);
    if (!started.ok) throw new Error(`otr.start failed: ${started.error.code}`);
    await both;
    return { totalMs: performance.now() - start, askedMs: askedAt - start };
  } finally {
    offAccept();
  }
}

/** alice ends the session; bob confirms. Both are idle afterwards. */
export async function endPrivate(pair: AppPair): Promise<void> {
  const { alice, bob, roomId } = pair;
  const bobSees = bob.next('otr.changed', phaseIs(roomId, 'ended-by-peer'), 'ended-by-peer phase');
  await alice.core.handlers['otr.end'](roomId);
  await bobSees;
  await bob.core.handlers['otr.confirmEnded'](roomId);
  for (const client of [alice, bob]) {
    const view = await client.core.handlers['otr.get'](roomId);
    if (!view.ok || view.value.phase !== 'idle') throw new Error(`${client.name} is not idle after the end`);
  }
}
