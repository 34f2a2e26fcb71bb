import { matchFailed } from './errors.js';

// Minimal stand-ins for Meteor's `check`: a failed check surfaces as error 400 "Match failed".

export function checkString(value: unknown): asserts value is string {
  if (typeof value !== 'string') throw matchFailed();
}

export function checkOptionalString(value: unknown): asserts value is string | undefined | null {
  if (value !== undefined && value !== null && typeof value !== 'string') throw matchFailed();
}

export function checkOptionalNumber(value: unknown): asserts value is number | undefined | null {
  if (value !== undefined && value !== null && (typeof value !== 'number' || !Number.isFinite(value))) throw matchFailed();
}

export function checkOptionalBoolean(value: unknown): asserts value is boolean | undefined | null {
  if (value !== undefined && value !== null && typeof value !== 'boolean') throw matchFailed();
}

export function checkOptionalDate(value: unknown): asserts value is Date | undefined | null {
  if (value !== undefined && value !== null && !(value instanceof Date)) throw matchFailed();
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date)
    && !(value instanceof Uint8Array);
}

export function checkObject(value: unknown): asserts value is Record<string, unknown> {
  if (!isPlainObject(value)) throw matchFailed();
}

export function checkOptionalObject(value: unknown): asserts value is Record<string, unknown> | undefined | null {
  if (value !== undefined && value !== null && !isPlainObject(value)) throw matchFailed();
}

export function checkStringArray(value: unknown): asserts value is string[] {
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) throw matchFailed();
}

type FieldCheck = (value: unknown) => void;

/** Like `check(obj, {key: Match.Maybe(...)})`: only listed keys, each passing its check. */
export function checkStrictShape(value: unknown, shape: Record<string, FieldCheck>): asserts value is Record<string, unknown> {
  checkObject(value);
  for (const key of Object.keys(value)) {
    const fieldCheck = shape[key];
    if (!fieldCheck) throw matchFailed();
    fieldCheck(value[key]);
  }
}
