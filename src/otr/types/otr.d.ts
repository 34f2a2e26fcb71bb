// Types for the untyped CommonJS package `otr` (arlolra/otr 0.2.16), limited to what the engine uses.
// Binary values (instance tags, ssid) are "binary strings": one char per byte, code points 0–255.
declare module 'otr' {
  export interface DsaKey {
    packPrivate(): string;
    packPublic(): string;
    /** SHA-1 of the public key, 40 lower-case hex digits. */
    fingerprint(): string;
  }

  export interface DsaStatic {
    new (params?: unknown, options?: { bit_length?: number; nocache?: boolean }): DsaKey;
    parsePrivate(packed: string): DsaKey;
  }

  export interface OtrConstants {
    MSGSTATE_PLAINTEXT: 0;
    MSGSTATE_ENCRYPTED: 1;
    MSGSTATE_FINISHED: 2;
    STATUS_SEND_QUERY: 0;
    STATUS_AKE_INIT: 1;
    STATUS_AKE_SUCCESS: 2;
    STATUS_END_OTR: 3;
    AUTHSTATE_NONE: 0;
    SMPSTATE_EXPECT0: 0;
    SMPSTATE_EXPECT1: 1;
  }

  /** The socialist millionaire state machine the library creates after the AKE. */
  export interface SmpMachine {
    smpstate: number;
    abort(): void;
  }

  export interface OtrOptions {
    priv: DsaKey;
    instance_tag?: string;
    fragment_size?: number;
    send_interval?: number;
    debug?: boolean;
  }

  /** Internal AKE object; the engine replaces `handleAKE` once a session is private (see session.ts). */
  export interface AkeMachine {
    handleAKE(message: unknown): void;
  }

  export interface OtrSession {
    msgstate: number;
    authstate: number;
    ake: AkeMachine;
    /** Messages waiting for the AKE: binary (UTF-8 encoded) text and the caller's meta. */
    storedMgs: Array<{ msg: string; meta: unknown }>;
    /** Internal: starts an AKE after a query; replaced by the engine once the session is private. */
    doAKE(message: unknown): void;
    /** Internal: builds a new AKE object (reusing the last DH key); replaced likewise. */
    _akeInit(): void;
    their_priv_pk: DsaKey | null;
    sm: SmpMachine | null;
    fragment_size: number;
    ALLOW_V2: boolean;
    ALLOW_V3: boolean;
    REQUIRE_ENCRYPTION: boolean;
    SEND_WHITESPACE_TAG: boolean;
    WHITESPACE_START_AKE: boolean;
    ERROR_START_AKE: boolean;
    sendQueryMsg(): void;
    sendMsg(text: string, meta?: unknown): void;
    receiveMsg(wire: string, meta?: unknown): void;
    endOtr(callback?: () => void): void;
    smpSecret(secret: string, question?: string): void;
    /** Internal: the library reports protocol errors through this; the engine overrides it per object. */
    error(message: string): void;
    notify(message: string, severity?: 'error' | 'warn'): void;
    io(wire: string | string[], meta?: unknown): void;
    on(event: 'io', listener: (wire: string, meta: unknown) => void): void;
    on(event: 'ui', listener: (text: string, encrypted: boolean, meta: unknown) => void): void;
    on(event: 'status', listener: (code: number) => void): void;
    on(event: 'error', listener: (message: string, severity: 'error' | 'warn') => void): void;
    on(event: 'smp', listener: (kind: string, ...args: unknown[]) => void): void;
    off(event: string, listener: (...args: never[]) => void): void;
  }

  export interface OtrStatic {
    new (options: OtrOptions): OtrSession;
    CONST: OtrConstants;
    /** A 4-byte big-endian binary string, value ≥ 0x100. */
    makeInstanceTag(): string;
  }

  const otr: { OTR: OtrStatic; DSA: DsaStatic };
  export default otr;
}

// The patched bigint.js says which code computes powers modulo the OTR group (see patches/otr+0.2.16.patch).
declare module 'otr/vendor/bigint.js' {
  const bigint: {
    powModPath(): { path: 'platform' | 'bigint'; reason?: 'unavailable' | 'known-answer' | 'error' };
  };
  export default bigint;
}
