// Two complete app cores (createAppCore: Rocket.Chat client, chat service, room sessions, worker engine),
// signed in as alice and bob on a local server, with a DM between them. Driven through the contract's
// handlers and events exactly as the renderer drives them, minus the clicks.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventName, EventPayload, EventSink } from '../../src/contract/events.js';
import type { OtrPhase } from '../../src/contract/model.js';
import { createAppCore, type AppCore } from '../../src/main/app-core.js';
import { accountKeyOf, storeIdentity } from '../../src/otr/identity/identity-store.js';
import type { Identity, SecretStore } from '../../src/otr/ports.js';
import { startServer, type LocalServer } from '../../server/index.js';
import { benchIdentities } from './identities.js';
import { MemorySecrets } from './memory-secrets.js';
import { seconds, within } from './within.js';

export interface AppPairOptions {
  /** alice's and bob's identity keys, stored in their profiles before sign-in (default: made once per run). */
  identities?: () => Promise<[Identity, Identity]>;
  /** How long the keys may take: the first key of a thread also makes new DSA domain parameters. */
  keyLimitMs?: number;
  /** How long any one event may take: a sign-in, a phase, a message. */
  waitLimitMs?: number;
  /** Each profile's secret store (default: in memory). */
  secrets?: () => SecretStore;
  /** A running server to use and leave running (default: a fresh one, closed with the pair). */
  server?: LocalServer;
}

const DEFAULTS = { keyLimitMs: 180_000, waitLimitMs: 60_000 };

/** Closing two cores and a server takes well under a second; more means something holds on. */
const DISPOSE_LIMIT_MS = 30_000;

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

/** One profile's events, and its waits: a wait that was not met by dispose is dropped with its timer. */
class Hub {
  private readonly listeners = new Set<Listener>();
  private readonly waits = new Set<() => void>();

  constructor(
    readonly name: string,
    private readonly limitMs: number,
  ) {}

  readonly emit: EventSink = (name, payload) => {
    for (const listener of [...this.listeners]) listener(name, payload);
  };

  on<K extends EventName>(eventName: K, listener: (payload: EventPayload<K>) => void): () => void {
    const wrapped: Listener = (n, payload) => {
      if (n === eventName) listener(payload as EventPayload<K>);
    };
    this.listeners.add(wrapped);
    return () => this.listeners.delete(wrapped);
  }

  next<K extends EventName>(eventName: K, match: (payload: EventPayload<K>) => boolean, what: string): Promise<EventPayload<K>> {
    return new Promise((resolve, reject) => {
      const drop = (): void => {
        clearTimeout(timer);
        off();
        this.waits.delete(drop);
      };
      const timer = setTimeout(() => {
        drop();
        reject(new Error(`${this.name}: no ${what} within ${seconds(this.limitMs)}`));
      }, this.limitMs);
      const off = this.on(eventName, (payload) => {
        if (!match(payload)) return;
        drop();
        resolve(payload);
      });
      this.waits.add(drop);
    });
  }

  /** Ends every wait still open. They never settle: whoever awaited them has already failed. */
  dropWaits(): void {
    for (const drop of [...this.waits]) drop();
  }
}

interface Profile {
  hub: Hub;
  /** Set the moment the core starts being made, so a failure elsewhere can still close it. */
  core?: Promise<AppCore>;
}

async function startClient(profile: Profile, server: LocalServer, dir: string, secrets: SecretStore, identity: Identity): Promise<AppClient> {
  const { hub } = profile;
  const user = server.users().find((u) => u.username === hub.name);
  if (user === undefined) throw new Error(`The bench server has no user ${hub.name}`);
  await storeIdentity(secrets, accountKeyOf(server.url, user._id), identity);
  const signedIn = hub.next('session.changed', (s) => s.me !== undefined && s.connection.kind === 'online', 'sign-in');
  profile.core = createAppCore({
    profileDir: dir,
    emit: hub.emit,
    secrets,
    autoLogin: { serverUrl: server.url, user: hub.name, password: 'demo' },
    // The server's rate limits are off (the latency runs send hundreds of messages back to back); so is the pacing.
    rocketChat: { paceCalls: false },
  });
  const core = await profile.core;
  await signedIn;
  return { name: hub.name, core, next: (...a) => hub.next(...a), on: (...a) => hub.on(...a) };
}

/** Waits until the account's room sessions know the DM (its identity key is loaded, fingerprints can be asked for). */
function untilOtrKnows(client: AppClient, roomId: string, limitMs: number): Promise<void> {
  let waiting = true;
  const poll = async (): Promise<void> => {
    // The handler itself waits for the identity key to be loaded, so the limit is around the whole poll.
    while (waiting && !(await client.core.handlers['otr.fingerprints'](roomId)).ok) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };
  const sentence = `${client.name}: the DM never became ready for OTR within ${seconds(limitMs)} (the identity key was not loaded)`;
  return within(poll(), limitMs, sentence).finally(() => {
    waiting = false;
  });
}

/** Closes whatever was started, once, and never for longer than DISPOSE_LIMIT_MS. */
function disposer(profiles: Profile[], server: LocalServer, ownServer: boolean, dir: string): () => Promise<void> {
  let done: Promise<void> | undefined;
  const all = async (): Promise<void> => {
    for (const p of profiles) p.hub.dropWaits();
    const closing = profiles.map(async (p) => (await p.core)?.dispose());
    await Promise.all(closing.map((c) => c.catch(() => undefined)));
    if (ownServer) await server.close();
    await rm(dir, { recursive: true, force: true });
  };
  return () => {
    done ??= within(all(), DISPOSE_LIMIT_MS, `The bench could not close alice's and bob's app cores and the server within ${seconds(DISPOSE_LIMIT_MS)}`);
    return done;
  };
}

/**
 * A local server (demo users, DDP rate limits off) and alice and bob signed in with a DM between them, each
 * with an identity key made beforehand. Every wait has a limit; on failure everything started is closed.
 */
export async function startAppPair(options: AppPairOptions = {}): Promise<AppPair> {
  const { keyLimitMs, waitLimitMs } = { ...DEFAULTS, ...options };
  const keys = await within(
    (options.identities ?? benchIdentities)(),
    keyLimitMs,
    `alice's and bob's OTR identity keys were not made within ${seconds(keyLimitMs)}: the machine is too busy; run the bench when it is quieter`,
  );
  const server = options.server ?? (await startServer({ port: 0, seed: 'demo', rateLimits: { enabled: false } }));
  const dir = await mkdtemp(join(tmpdir(), 'otrdesk-bench-'));
  const a: Profile = { hub: new Hub('alice', waitLimitMs) };
  const b: Profile = { hub: new Hub('bob', waitLimitMs) };
  const dispose = disposer([a, b], server, options.server === undefined, dir);
  const secrets = options.secrets ?? (() => new MemorySecrets());
  try {
    const [alice, bob] = await Promise.all([
      startClient(a, server, join(dir, 'alice'), secrets(), keys[0]),
      startClient(b, server, join(dir, 'bob'), secrets(), keys[1]),
    ]);
    const room = await alice.core.handlers['rooms.startDirect']('bob');
    if (!room.ok) throw new Error(`alice could not open a DM with bob: ${room.error.code}`);
    const roomId = room.value.id;
    await Promise.all([untilOtrKnows(alice, roomId, waitLimitMs), untilOtrKnows(bob, roomId, waitLimitMs)]);
    return { server, alice, bob, roomId, dispose };
  } catch (error) {
    await dispose().catch(() => undefined);
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
