// The patched bigint.js computes modular powers with native BigInt (several times faster). These check it
// gives exactly the numbers of an independent computation, in the shapes the library expects.
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const B = require('otr/vendor/bigint.js') as {
  powMod(x: number[], y: number[], n: number[]): number[];
  randBigInt(bits: number, s: 0 | 1): number[];
  str2bigInt(s: string, base: number, minSize: number): number[];
  bigInt2str(x: number[], base: number): string;
  trim(x: number[], k: number): number[];
};

const toBig = (x: number[]) => BigInt(`0x${B.bigInt2str(x, 16) || '0'}`);
function reference(b: bigint, e: bigint, m: bigint): bigint {
  if (m === 1n) return 0n;
  let r = 1n;
  b %= m;
  for (; e > 0n; e >>= 1n, b = (b * b) % m) if (e & 1n) r = (r * b) % m;
  return r;
}

describe('patched powMod', () => {
  it('matches an independent modular power for sizes OTR uses (DH 1536-bit, DSA 1024-bit, SMP exponents)', () => {
    for (const [bits, expBits] of [[1536, 320], [1536, 1536], [1024, 160], [64, 64], [8, 3]] as const) {
      for (let i = 0; i < 10; i++) {
        const n = B.randBigInt(bits, 1);
        const x = B.randBigInt(bits + 8, 0); // larger than n on purpose
        const y = B.randBigInt(expBits, 0);
        expect(toBig(B.powMod(x, y, n))).toBe(reference(toBig(x), toBig(y), toBig(n)));
      }
    }
  });

  it('keeps the edge cases: 0^0 = 1, x^0 = 1, 0^y = 0, mod 1 = 0', () => {
    const n = B.str2bigInt('1000003', 10, 0);
    const zero = B.str2bigInt('0', 10, 0);
    const five = B.str2bigInt('5', 10, 0);
    expect(B.bigInt2str(B.powMod(zero, zero, n), 10)).toBe('1');
    expect(B.bigInt2str(B.powMod(five, zero, n), 10)).toBe('1');
    expect(B.bigInt2str(B.powMod(zero, five, n), 10)).toBe('0');
    expect(B.bigInt2str(B.powMod(five, five, B.str2bigInt('1', 10, 0)), 10)).toBe('0');
  });

  it('returns the array shape the rest of the library relies on (one leading zero word)', () => {
    const n = B.randBigInt(1536, 1);
    const r = B.powMod(B.randBigInt(1000, 0), B.randBigInt(320, 0), n);
    expect(r.at(-1)).toBe(0);
    expect(B.trim(r, 1)).toEqual(r);
  });
});
