// The key set comes from English; every other language must provide exactly these keys.
import type { ErrorCode, NoticeCode } from '../../../contract/model.js';
import type { en } from './en.js';

export type StringKey = keyof typeof en;
export type Strings = { readonly [K in StringKey]: string };

/** Every error code and notice code has words: these lines fail to compile when one is missing. */
export function errorKey(code: ErrorCode): StringKey {
  return `error.${code}`;
}
export function noticeKey(code: NoticeCode): StringKey {
  return `notice.${code}`;
}

export type Params = Readonly<Record<string, string | number>>;

/** Fills `{name}` parameters; an unknown parameter stays visible so the gap is noticed, not hidden. */
export function format(template: string, params?: Params): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : String(value);
  });
}
