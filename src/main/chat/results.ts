// The contract's Result from a value or from work that may throw: errors become the contract's ErrorInfo.
import type { Result } from '../../contract/calls.js';
import { toErrorInfo } from '../rocketchat/errors.js';

export function ok<T>(value: T): Promise<Result<T>> {
  return Promise.resolve({ ok: true, value });
}

export async function attempt<T>(run: () => Promise<T>): Promise<Result<T>> {
  try {
    return { ok: true, value: await run() };
  } catch (err) {
    return { ok: false, error: toErrorInfo(err) };
  }
}
