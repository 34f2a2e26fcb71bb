// The subset of EJSON that Rocket.Chat traffic uses: dates as {$date: ms} and bytes as {$binary: base64}.

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Turns parsed JSON into values: `{$date}` becomes a Date, `{$binary}` a Uint8Array. */
export function fromJSONValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(fromJSONValue);
  if (!isPlainObject(value)) return value;
  const keys = Object.keys(value);
  if (keys.length === 1 && keys[0] === '$date' && typeof value.$date === 'number') {
    return new Date(value.$date);
  }
  if (keys.length === 1 && keys[0] === '$binary' && typeof value.$binary === 'string') {
    return new Uint8Array(Buffer.from(value.$binary, 'base64'));
  }
  const out: Record<string, unknown> = {};
  for (const key of keys) out[key] = fromJSONValue(value[key]);
  return out;
}

/** JSON.parse followed by EJSON decoding; throws SyntaxError on malformed text. */
export function parseEJSON(text: string): unknown {
  return fromJSONValue(JSON.parse(text));
}

/** JSON.stringify that writes Dates as `{$date: ms}` and byte arrays as `{$binary}`. */
export function stringifyEJSON(value: unknown): string {
  return JSON.stringify(value, function replacer(this: Record<string, unknown>, key: string, current: unknown) {
    // Date.prototype.toJSON has already run on `current`; the holder still has the original value.
    const original = key === '' ? value : this[key];
    if (original instanceof Date) return { $date: original.getTime() };
    if (original instanceof Uint8Array) return { $binary: Buffer.from(original).toString('base64') };
    return current;
  });
}

/** A deep copy that keeps Dates and byte arrays, so stored records never share objects with callers. */
export function cloneEJSON<T>(value: T): T {
  return parseEJSON(stringifyEJSON(value)) as T;
}
