// Words for an error: the sentence for its code, the server's own words if any, and when to try again.
import type { ErrorInfo } from '../../../contract/model.js';
import { errorKey, type Translate } from '../i18n/index.js';
import { secondsUntil } from './use-now.js';

export function errorText(t: Translate, error: ErrorInfo, now: number = Date.now()): string {
  const parts = [t(errorKey(error.code))];
  if (error.detail) parts.push(error.detail);
  if (error.retryAt !== undefined && error.retryAt > now) {
    parts.push(t('error.tryAgainIn', { seconds: secondsUntil(error.retryAt, now) }));
  }
  return parts.join(' ');
}
