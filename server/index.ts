import type { Faults, RecordedMessage, Records } from './faults.js';
import { resolveOptions, type ServerOptions } from './options.js';
import { Runtime } from './runtime.js';
import { createChannel } from './services/rooms.js';
import { createUser, issueToken, type CreateUserInput } from './services/users.js';
import { createAdmin, type Admin } from './admin.js';
import { seedDemo } from './store/seed.js';
import { seedShowcase } from './store/showcase.js';
import { fingerprintOf } from './tls.js';

export { totpCode } from './auth/totp.js';
export type { Faults, RecordedMessage, Records } from './faults.js';
export type { RateLimitOptions, ServerOptions } from './options.js';
export type { CreateUserInput } from './services/users.js';
export type { Admin } from './admin.js';
export { fingerprintOf } from './tls.js';
export type { OtrRelayRecord, StreamWriteRecord } from './services/traffic-log.js';
export type { SubscriptionHold } from './streams/sub-holds.js';

export interface UserSummary {
  _id: string;
  username: string;
  name: string;
  status: string;
  type: 'user' | 'bot';
}

export interface ServerTls {
  readonly caFile: string;
  readonly caFingerprint: string;
  /** SHA-256 of the server certificate presented now (colon-separated hex). */
  certificateFingerprint(): string;
  /** A new server certificate from the same CA ("the certificate changed"); returns its SHA-256. */
  reissueCertificate(): string;
}

export interface LocalServer {
  /** http://127.0.0.1:<port> (https with `tlsDir`); the DDP endpoint is ws[s]://127.0.0.1:<port>/websocket. */
  readonly url: string;
  readonly port: number;
  /** Drops every connection, saves the data file and stops listening. */
  close(): Promise<void>;
  readonly faults: Faults;
  readonly records: Records;
  createUser(input: CreateUserInput): UserSummary;
  users(): UserSummary[];
  /** A token usable as X-Auth-Token (with X-User-Id) and as a DDP `{resume}` login. */
  createPersonalAccessToken(username: string): string;
  /** The last e-mail 2FA code "mailed" to the user (`twoFactor: 'email'`). */
  lastEmailCode(username: string): string | undefined;
  /** With `tlsDir`: the test CA (file and SHA-256), the server certificate's SHA-256, and re-issuing it. */
  readonly tls: ServerTls | undefined;
  /** A public channel whose members are the given users (the first one owns it). */
  createChannel(name: string, usernames: string[]): { _id: string; name: string };
  /** What an administrator (or a bulk import) does, bypassing the DDP rate limiter. */
  readonly admin: Admin;
}

function summary(user: { _id: string; username: string; name: string; status: string; type: 'user' | 'bot' }): UserSummary {
  return { _id: user._id, username: user.username, name: user.name, status: user.status, type: user.type };
}

/** Starts a Rocket.Chat-compatible server (DDP at /websocket, REST under /api). */
export async function startServer(options: ServerOptions = {}): Promise<LocalServer> {
  const runtime = new Runtime(resolveOptions(options));
  const { ctx } = runtime;
  await runtime.reload();
  if (runtime.options.seed === 'demo') seedDemo(ctx, runtime.options.seedRooms);
  if (runtime.options.seed === 'demo' && runtime.options.seedShowcase) seedShowcase(ctx);
  await runtime.listen(runtime.options.port);
  const port = runtime.port;
  let patCount = 0;
  let closed = false;

  const userNamed = (username: string) => {
    const user = ctx.state.userByUsername(username);
    if (!user) throw new Error(`No such user: ${username}`);
    return user;
  };

  const faults: Faults = {
    dropAllSockets: () => {
      for (const session of [...ctx.sessions]) session.terminate();
    },
    pause: () => runtime.gate.pause(),
    resume: () => runtime.gate.resume(),
    restart: async () => {
      await runtime.stopListening('close');
      await runtime.flush();
      await runtime.reload();
      await runtime.listen(port);
    },
    delayFrames: (ms: number) => {
      runtime.gate.delayMs = Math.max(0, ms);
    },
    injectMalformedFrame: () => {
      for (const session of ctx.sessions) session.sendRaw('{"msg":"changed", this is not JSON');
    },
    withoutMethod: (name: string) => {
      ctx.missingMethods.add(name);
    },
    holdSubscription: (stream: string, eventName: string) => ctx.subHolds.hold(stream, eventName),
  };

  const records: Records = {
    messages: (): RecordedMessage[] => ctx.state.allMessages().map((m) => ({
      _id: m._id, rid: m.rid, msg: m.msg, u: { _id: m.u._id, username: m.u.username }, ts: new Date(m.ts),
    })),
    streamWrites: () => ctx.traffic.streamWrites.map((w) => ({ ...w })),
    otrRelays: () => ctx.traffic.otrRelays.map((r) => ({ ...r })),
  };

  const ca = runtime.tls;
  const tls: ServerTls | undefined = ca && {
    caFile: ca.caFile,
    caFingerprint: ca.caFingerprint,
    certificateFingerprint: () => fingerprintOf(ca.current().cert),
    reissueCertificate: () => fingerprintOf(runtime.reissueCertificate()),
  };

  return {
    url: ctx.url(),
    tls,
    port,
    faults,
    records,
    async close() {
      if (closed) return;
      closed = true;
      runtime.gate.resume();
      await runtime.stopListening('terminate');
      await runtime.flush();
    },
    createUser: (input) => summary(createUser(ctx, input)),
    users: () => [...ctx.state.users.values()].map(summary),
    createPersonalAccessToken: (username) => {
      patCount += 1;
      return issueToken(ctx, userNamed(username), { name: `test-token-${patCount}` });
    },
    lastEmailCode: (username) => ctx.emailCodes.last(username),
    createChannel: (name, usernames) => {
      const room = createChannel(ctx, name, usernames.map(userNamed));
      return { _id: room._id, name };
    },
    admin: createAdmin(ctx),
  };
}
