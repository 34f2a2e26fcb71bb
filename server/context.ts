import type { EmailCodes } from './auth/email-codes.js';
import type { SsoState } from './auth/sso/state.js';
import type { TrafficGate } from './ddp/gate.js';
import type { Session } from './ddp/session.js';
import type { ResolvedOptions } from './options.js';
import type { LoginBlocker } from './services/login-blocker.js';
import type { RateLimiter } from './services/rate-limiter.js';
import type { TrafficLog } from './services/traffic-log.js';
import type { Uploads } from './services/uploads.js';
import type { State } from './store/state.js';
import type { StreamHub } from './streams/hub.js';
import type { SubscriptionHolds } from './streams/sub-holds.js';

/** What every handler may touch: the data, the open connections and the stream fan-out. */
export interface ServerContext {
  readonly state: State;
  readonly options: ResolvedOptions;
  readonly hub: StreamHub;
  readonly gate: TrafficGate;
  readonly sessions: Set<Session>;
  readonly limiter: RateLimiter;
  readonly logins: LoginBlocker;
  /** E-mail 2FA codes sent and not yet used. */
  readonly emailCodes: EmailCodes;
  /** SSO: what the identity provider handed out, and finished attempts waiting for their login. */
  readonly sso: SsoState;
  /** REST's own limiter (HTTP 429). */
  readonly restLimiter: RateLimiter;
  /** Writes and relays that leave no stored record. */
  readonly traffic: TrafficLog;
  /** Uploaded files (rooms.upload / rooms.media), served under /file-upload. */
  readonly uploads: Uploads;
  /** Methods answered as a server without them answers (faults.withoutMethod), for clients' fallback tests. */
  readonly missingMethods: Set<string>;
  /** Stream subscriptions started late on purpose (faults.holdSubscription). */
  readonly subHolds: SubscriptionHolds;
  /** The base URL clients use, e.g. http://127.0.0.1:3000. */
  url(): string;
  /** Call after every change that must reach the data file. */
  changed(): void;
}
