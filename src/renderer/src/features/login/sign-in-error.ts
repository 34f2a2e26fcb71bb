// A sign-in error in one sentence of the UI language that says what to do. The server's own words (English, and
// often the same thing again) are left out here.
import type { ErrorCode, ErrorInfo } from '../../../../contract/model.js';
import { errorKey, type StringKey, type Translate } from '../../i18n/index.js';
import { secondsUntil } from '../../ui/use-now.js';

/** The codes a sign-in can end with, each with its own sentence. */
export const SIGN_IN_ERRORS = [
  'wrong-credentials', 'totp-invalid', 'rate-limited', 'server-unreachable', 'not-rocketchat', 'unsupported-version',
  'invalid-url', 'sso-cancelled', 'sso-failed', 'sso-unavailable', 'timeout', 'not-allowed', 'not-signed-in', 'disconnected', 'internal',
  'certificate-untrusted', 'proxy-unreachable',
] as const satisfies readonly ErrorCode[];

const isSignInError = (code: ErrorCode): code is (typeof SIGN_IN_ERRORS)[number] => (SIGN_IN_ERRORS as readonly string[]).includes(code);

/** `codeMethod`: the second factor the server asked for ('email' or 'totp'), which decides where the code is. */
export function signInErrorText(t: Translate, error: ErrorInfo, codeMethod?: string, now: number = Date.now()): string {
  const { code } = error;
  if (code === 'rate-limited' && error.retryAt !== undefined && error.retryAt > now) {
    return t('login.error.rate-limited-in', { seconds: secondsUntil(error.retryAt, now) });
  }
  if (code === 'totp-invalid' && codeMethod === 'email') return t('login.error.email-code-invalid');
  const key: StringKey = isSignInError(code) ? `login.error.${code}` : errorKey(code);
  return t(key);
}

/** A personal access token sign-in: a refused token is told as such (the password sentence would mislead). */
export function tokenSignInErrorText(t: Translate, error: ErrorInfo, now: number = Date.now()): string {
  return error.code === 'wrong-credentials' ? t('login.error.token-refused') : signInErrorText(t, error, undefined, now);
}
