import { randomInt } from 'node:crypto';

// Accounts_TwoFactorAuthentication_By_Email_Code_Expiration default: 3600 s.
const CODE_LIFETIME_MS = 3600_000;

/**
 * Rocket.Chat's e-mail 2FA: every password login without a code "mails" a new 6-digit code; each code works
 * once until it expires. Here the mail is a callback (the CLI prints it) and the last code is kept for tests.
 */
export class EmailCodes {
  private readonly codes = new Map<string, { code: string; expires: number }[]>();
  private readonly latest = new Map<string, string>();

  constructor(private readonly send: ((username: string, code: string) => void) | undefined) {}

  issue(username: string, now = Date.now()): void {
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    const live = (this.codes.get(username) ?? []).filter((c) => c.expires > now);
    this.codes.set(username, [...live, { code, expires: now + CODE_LIFETIME_MS }]);
    this.latest.set(username, code);
    this.send?.(username, code);
  }

  /** True (and the code is spent) when it is one of the user's live codes. */
  consume(username: string, code: string, now = Date.now()): boolean {
    const live = (this.codes.get(username) ?? []).filter((c) => c.expires > now);
    const index = live.findIndex((c) => c.code === code.trim());
    if (index >= 0) live.splice(index, 1);
    this.codes.set(username, live);
    return index >= 0;
  }

  last(username: string): string | undefined {
    return this.latest.get(username);
  }
}
