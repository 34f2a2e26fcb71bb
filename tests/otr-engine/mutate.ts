// Deterministic mutations of captured OTR wire text, for the fuzz test.

/** mulberry32: small seeded PRNG so a failing run can be replayed with its seed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

export type Mutation = (wire: string, pool: string[]) => string;

/** A 200 000-character message: costly to parse, so the fuzz test sends a few, not thousands. */
export function oversized(rand: () => number): string {
  return `?OTR:${Array.from({ length: 200_000 }, () => B64[Math.floor(rand() * 64)]).join('')}.`;
}

export function mutators(rand: () => number): Record<string, Mutation> {
  const int = (n: number): number => Math.floor(rand() * n);
  const pick = <T>(xs: T[]): T => xs[int(xs.length)]!;
  const randomB64 = (n: number): string => Array.from({ length: n }, () => B64[int(64)]).join('');

  /** Flips bits inside the decoded binary message, so the damage reaches the parser and MAC checks. */
  const flipBits: Mutation = (wire) => {
    const m = /^\?OTR:([A-Za-z0-9+/=]+)\.$/.exec(wire);
    if (m === null) return flipChars(wire, []);
    const bytes = Buffer.from(m[1]!, 'base64');
    for (let i = 1 + int(3); i > 0; i--) bytes[int(bytes.length)]! ^= 1 << int(8);
    return `?OTR:${bytes.toString('base64')}.`;
  };
  const flipChars: Mutation = (wire) => {
    const chars = wire.split('');
    for (let i = 1 + int(4); i > 0; i--) chars[int(chars.length)] = pick(B64.split('').concat(['.', ',', '|', '?', ':']));
    return chars.join('');
  };
  return {
    flipBits,
    flipChars,
    truncate: (wire) => wire.slice(0, int(wire.length)),
    duplicate: (wire) => wire,
    reorder: (_wire, pool) => pick(pool),
    splice: (wire, pool) => wire.slice(0, int(wire.length)) + pick(pool).slice(int(60)),
    randomBase64: () => `?OTR:${randomB64(4 * (1 + int(120)))}.`,
    fragmentHeader: (wire) =>
      wire.replace(/^\?OTR\|([0-9a-f]+)\|([0-9a-f]+),(\d+),(\d+),/, (_all, s: string, r: string) => {
        const n = pick([0, 1, 2, 3, 65535, 99999]);
        return `?OTR|${s}|${r},${pick([0, 1, 2, n, n + 1])},${n},`;
      }),
    randomFragment: (wire) => {
      const tags = /^\?OTR\|([0-9a-f]+)\|([0-9a-f]+),/.exec(wire);
      const head = tags === null ? `?OTR|${int(1e9).toString(16)}|${int(1e9).toString(16)}` : `?OTR|${tags[1]}|${tags[2]}`;
      const n = 1 + int(4);
      return `${head},${1 + int(n)},${n},${randomB64(int(200))},`;
    },
    garbage: () => pick(['?OTR', '?OTR:', '?OTR:.', '?OTR|', '?OTR,', '?OTR Error:', '?OTRv', '?OTRv3?', '?OTR?v23?', '?OTR:AAMD', '?OTR:AAMC.']),
  };
}
