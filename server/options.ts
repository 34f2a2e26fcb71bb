import type { SsoKind } from './auth/sso/state.js';
import { forwardedCountFromEnv } from './http/client-address.js';

export interface RateLimitOptions {
  /** Messages a user may send per second (Rocket.Chat: 5). */
  sendMessagePerSecond?: number;
  /** Direct rooms a user may create per minute (Rocket.Chat: 10). */
  createDirectMessagePerMinute?: number;
  /** Turn every DDP rate limit off (default on). */
  enabled?: boolean;
}

export interface ServerOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: '127.0.0.1';
  /** 'demo' creates alice, bob, carol (password "demo"), #general and the bot rocket.cat. */
  seed?: 'demo' | 'none';
  /** With seed 'demo': alice is also in this many channels and has DMs with half as many generated users. */
  seedRooms?: number;
  /** With seed 'demo': also #showcase (every kind of message), an E2E DM and a group DM (server/store/showcase.ts). */
  seedShowcase?: boolean;
  /** Loaded at start, saved (debounced, atomically) on every change and on close. */
  dataFile?: string;
  /** Reported by GET /api/info (default '8.0.0'). Below 8.0 the server also has Rocket.Chat's own OTR. */
  version?: string;
  /** The public setting `OTR_Enable` on a 7.x server (default true, Rocket.Chat's default); 8.x has no such setting. */
  otrEnable?: boolean;
  /** Message_MaxAllowedSize: longest accepted `msg` in characters (default 5000). */
  maxMessageSize?: number;
  /** Message_ShowDeletedStatus: a deleted message stays as `t: 'rm'` instead of vanishing (default false, Rocket.Chat's). */
  showDeletedStatus?: boolean;
  /** FileUpload_MaxFileSize in bytes (default 104857600, Rocket.Chat's). */
  maxFileSize?: number;
  rateLimits?: RateLimitOptions;
  /** Idle time before the server pings a connection, and then waits as long for any answer (default 15000). */
  pingIntervalMs?: number;
  /** The users are LDAP users: `LDAP_Enable` is public and on, plain password logins are refused (403). */
  ldap?: boolean;
  /**
   * Accounts_TwoFactorAuthentication_By_Email_Enabled (+ _Auto_Opt_In), both on by default as in Rocket.Chat: users
   * created while it is on are opted in, and their password logins need a mailed code once their address is
   * verified. 'off' is an admin turning it off.
   */
  twoFactor?: 'email' | 'off';
  /** 'microservice': DDP-streamer's login (`{resume}` only; 7.x and older also `{user, password}` by username). */
  deployment?: 'monolith' | 'microservice';
  /** Where e-mail codes are "sent" (the CLI prints them). */
  onEmailCode?: (username: string, code: string) => void;
  /** Accounts_EmailVerification: password logins need a verified address (default false, as Rocket.Chat). */
  emailVerification?: boolean;
  /** SSO services the server offers, each with the demo identity provider behind it (server/auth/sso). */
  sso?: readonly SsoKind[];
  /** Serve https/wss with a certificate from a test CA kept in this folder (server/tls.ts). */
  tlsDir?: string;
  /**
   * Meteor's HTTP_FORWARDED_COUNT (default: that environment variable, else 0): the proxies in front of the server,
   * whose `X-Forwarded-For` entries name the client (server/http/client-address.ts).
   */
  httpForwardedCount?: number;
}

export interface ResolvedOptions {
  port: number;
  host: string;
  seed: 'demo' | 'none';
  seedRooms: number;
  seedShowcase: boolean;
  dataFile: string | undefined;
  version: string;
  otrEnable: boolean;
  maxMessageSize: number;
  showDeletedStatus: boolean;
  maxFileSize: number;
  rateLimits: Required<RateLimitOptions>;
  pingIntervalMs: number;
  ldap: boolean;
  twoFactor: 'email' | 'off';
  deployment: 'monolith' | 'microservice';
  onEmailCode: ((username: string, code: string) => void) | undefined;
  emailVerification: boolean;
  sso: readonly SsoKind[];
  tlsDir: string | undefined;
  httpForwardedCount: number;
}

export function resolveOptions(options: ServerOptions = {}): ResolvedOptions {
  return {
    port: options.port ?? 0,
    host: options.host ?? '127.0.0.1',
    seed: options.seed ?? 'none',
    seedRooms: options.seedRooms ?? 0,
    seedShowcase: options.seedShowcase ?? false,
    dataFile: options.dataFile,
    version: options.version ?? '8.0.0',
    otrEnable: options.otrEnable ?? true,
    maxMessageSize: options.maxMessageSize ?? 5000,
    showDeletedStatus: options.showDeletedStatus ?? false,
    maxFileSize: options.maxFileSize ?? 104_857_600,
    rateLimits: {
      sendMessagePerSecond: options.rateLimits?.sendMessagePerSecond ?? 5,
      createDirectMessagePerMinute: options.rateLimits?.createDirectMessagePerMinute ?? 10,
      enabled: options.rateLimits?.enabled ?? true,
    },
    pingIntervalMs: options.pingIntervalMs ?? 15_000,
    ldap: options.ldap ?? false,
    twoFactor: options.twoFactor ?? 'email',
    deployment: options.deployment ?? 'monolith',
    onEmailCode: options.onEmailCode,
    emailVerification: options.emailVerification ?? false,
    sso: [...new Set(options.sso ?? [])],
    tlsDir: options.tlsDir,
    httpForwardedCount: options.httpForwardedCount ?? forwardedCountFromEnv(),
  };
}
