import { MeteorError } from '../ddp/errors.js';

// Rocket.Chat's Block_Multiple_Failed_Logins_* defaults: 10 failures block the user, 50 the IP, each for 5 minutes.
const USER_ATTEMPTS = 10;
const IP_ATTEMPTS = 50;
const BLOCK_MS = 5 * 60_000;

/**
 * Failed password logins counted per user and per IP since the last success; past the limit, logins are refused
 * with `error-login-blocked-for-user` / `-for-ip` until the block time has passed since the last failure.
 */
export class LoginBlocker {
  private readonly failures = new Map<string, { count: number; last: number }>();

  constructor(private readonly enabled: boolean) {}

  /** Throws when the user or the address is blocked. */
  check(user: string, ip: string, now = Date.now()): void {
    if (!this.enabled) return;
    if (this.blocked(`ip:${ip}`, IP_ATTEMPTS, now)) {
      throw new MeteorError('error-login-blocked-for-ip', 'Login has been temporarily blocked For IP');
    }
    if (this.blocked(`user:${user.toLowerCase()}`, USER_ATTEMPTS, now)) {
      throw new MeteorError('error-login-blocked-for-user', 'Login has been temporarily blocked For User');
    }
  }

  failed(user: string, ip: string, now = Date.now()): void {
    if (!this.enabled) return;
    for (const key of [`ip:${ip}`, `user:${user.toLowerCase()}`]) {
      const entry = this.failures.get(key);
      this.failures.set(key, { count: (entry && now - entry.last < BLOCK_MS ? entry.count : 0) + 1, last: now });
    }
  }

  succeeded(user: string, ip: string): void {
    this.failures.delete(`ip:${ip}`);
    this.failures.delete(`user:${user.toLowerCase()}`);
  }

  private blocked(key: string, attempts: number, now: number): boolean {
    const entry = this.failures.get(key);
    return entry !== undefined && entry.count >= attempts && now - entry.last < BLOCK_MS;
  }
}
