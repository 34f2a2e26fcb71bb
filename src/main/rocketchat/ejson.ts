// Meteor EJSON on the wire: dates travel as {$date: ms}, bytes as {$binary: base64}, and objects whose keys clash
// with those markers are wrapped in {$escape: ...}. Every frame is decoded whole, not just `ts`.

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date)
    && !(value instanceof Uint8Array);
}

function soleKey(value: Record<string, unknown>): string | undefined {
  const keys = Object.keys(value);
  return keys.length === 1 ? keys[0] : undefined;
}

/** Decodes parsed JSON into values with Date and Uint8Array where EJSON says so. */
export function fromEjson(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(fromEjson);
  if (!isPlainObject(value)) return value;
  const key = soleKey(value);
  if (key === '$date' && typeof value.$date === 'number') return new Date(value.$date);
  if (key === '$binary' && typeof value.$binary === 'string') return Uint8Array.from(Buffer.from(value.$binary, 'base64'));
  if (key === '$escape' && isPlainObject(value.$escape)) {
    const raw: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value.$escape)) raw[k] = fromEjson(v);
    return raw;
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = fromEjson(v);
  return out;
}

/** Encodes Date and Uint8Array for the wire; plain values pass through. */
export function toEjson(value: unknown): Json {
  if (value instanceof Date) return { $date: value.getTime() };
  if (value instanceof Uint8Array) return { $binary: Buffer.from(value).toString('base64') };
  if (Array.isArray(value)) return value.map(toEjson);
  if (isPlainObject(value)) {
    const out: Record<string, Json> = {};
    for (const [k, v] of Object.entries(value)) {
      if (v !== undefined) out[k] = toEjson(v);
    }
    const key = soleKey(out);
    return key === '$date' || key === '$binary' || key === '$escape' ? { $escape: out } : out;
  }
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value === null) return value;
  return null;
}

/** Parses one text frame. Returns undefined for text that is not JSON. */
export function parseEjsonFrame(text: string): unknown {
  try {
    return fromEjson(JSON.parse(text));
  } catch {
    return undefined;
  }
}

export function stringifyEjson(value: unknown): string {
  return JSON.stringify(toEjson(value));
}
