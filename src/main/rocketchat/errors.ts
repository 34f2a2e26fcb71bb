// Every failure leaves this folder as an RcError carrying the contract's ErrorInfo, so callers switch on a code
// instead of parsing server strings.
import type { ErrorCode, ErrorInfo } from '../../contract/model.js';

export class RcError extends Error {
  readonly info: ErrorInfo;
  constructor(info: ErrorInfo) {
    super(info.detail ? `${info.code}: ${info.detail}` : info.code);
    this.name = 'RcError';
    this.info = info;
  }
  get code(): ErrorCode {
    return this.info.code;
  }
}

export function rcError(code: ErrorCode, detail?: string, retryAt?: number): RcError {
  const info: ErrorInfo = { code };
  if (detail !== undefined) info.detail = detail.slice(0, 500);
  if (retryAt !== undefined) info.retryAt = retryAt;
  return new RcError(info);
}

/** ErrorInfo of anything thrown: RcErrors keep theirs, the rest become 'internal' without leaking internals. */
export function toErrorInfo(error: unknown): ErrorInfo {
  if (error instanceof RcError) return error.info;
  return { code: 'internal', detail: error instanceof Error ? error.name : undefined };
}

/** The `error` object of a DDP `result` or `nosub` frame. */
export interface DdpErrorObject {
  error?: string | number;
  reason?: string;
  message?: string;
  details?: Record<string, unknown>;
}

const RATE_LIMIT_WAIT = /wait (\d+) seconds?/i;

/** When a rate-limited request may be retried (epoch ms). */
export function retryAtOf(error: DdpErrorObject, now: number): number {
  const ms = error.details?.timeToReset;
  if (typeof ms === 'number' && Number.isFinite(ms) && ms >= 0) return now + ms;
  const seconds = RATE_LIMIT_WAIT.exec(error.reason ?? error.message ?? '')?.[1];
  return now + (seconds ? Number(seconds) * 1000 : 1000);
}

/** A REST answer of Rocket.Chat's API limiter (HTTP 429): rate-limited until its X-RateLimit-Reset (epoch ms). */
export function restRateLimit(response: Response, now: number): RcError | undefined {
  if (response.status !== 429) return undefined;
  const reset = Number(response.headers.get('x-ratelimit-reset'));
  return rcError('rate-limited', 'The server asks to slow down.', Number.isFinite(reset) && reset > now ? reset : now + 60_000);
}

export function isRateLimit(error: DdpErrorObject): boolean {
  return error.error === 'too-many-requests' || error.error === 'error-too-many-requests'
    || /too many requests/i.test(error.reason ?? '');
}

const CODE_BY_SERVER_ERROR: Record<string, ErrorCode> = {
  'totp-invalid': 'totp-invalid',
  'error-message-size-exceeded': 'message-too-long',
  'error-not-allowed': 'not-allowed',
  'not-allowed': 'not-allowed',
  'error-action-not-allowed': 'not-allowed',
  'error-user-is-not-activated': 'not-allowed',
  'error-invalid-room': 'not-found',
  'error-invalid-user': 'not-found',
  'error-room-not-found': 'not-found',
  'error-login-blocked-for-ip': 'rate-limited',
  'error-login-blocked-for-user': 'rate-limited',
  'invalid-params': 'invalid-request',
  'error-invalid-params': 'invalid-request',
  'Match.Error': 'invalid-request',
};

/** Maps a server error of a method call (not login: see auth.ts) to an RcError. */
export function fromDdpError(error: DdpErrorObject, now: number): RcError {
  const detail = error.reason ?? error.message;
  if (isRateLimit(error)) return rcError('rate-limited', detail, retryAtOf(error, now));
  const key = String(error.error ?? '');
  const code = CODE_BY_SERVER_ERROR[key] ?? (key === '403' ? 'not-allowed' : key === '404' ? 'not-found' : 'internal');
  return rcError(code, detail);
}
