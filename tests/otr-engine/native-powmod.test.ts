// The patched bigint.js computes modular powers with native BigInt (several times faster). These check it
// gives exactly the numbers of an independent computation, in the shapes the library expects.
import type * as NodeCrypto from 'node:crypto';
import { createRequire } from 'node:module';
import { describe, expect, it, vi } from 'vitest';
import { describePowModPath, powModPath, reportPowModPath } from '../../src/otr/engine/powmod-path.js';

const require = createRequire(import.meta.url);
const B = require('otr/vendor/bigint.js') as {
  powMod(x: number[], y: number[], n: number[]): number[];
  randBigInt(bits: number, s: 0 | 1): number[];
  str2bigInt(s: string, base: number, minSize: number): number[];
  bigInt2str(x: number[], base: number): string;
  trim(x: number[], k: number): number[];
  powModPath(): { path: string; reason?: string };
};

/** A fresh copy of bigint.js, loaded while node:crypto's createDiffieHellman is replaced by `wrap(real)`. */
function loadWith(wrap: (real: typeof NodeCrypto.createDiffieHellman) => typeof NodeCrypto.createDiffieHellman): typeof B {
  const crypto = require('node:crypto') as typeof NodeCrypto;
  const real = crypto.createDiffieHellman;
  const path = require.resolve('otr/vendor/bigint.js');
  const cached = require.cache[path];
  delete require.cache[path];
  crypto.createDiffieHellman = wrap(real);
  try {
    return require('otr/vendor/bigint.js') as typeof B;
  } finally {
    crypto.createDiffieHellman = real;
    if (cached) require.cache[path] = cached;
  }
}

/** The library's own DH group constants. */
const OTR_GROUP = require('otr/lib/const.js') as { N: string };

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

  it('computes powers modulo the OTR group prime through the platform crypto library, with the same numbers', () => {
    // A fresh copy of bigint.js with createDiffieHellman watched: the patch builds its engine at load.
    let computed = 0;
    const fresh = loadWith((real) => ((...args: Parameters<typeof real>) => {
      const engine = (real as (...a: unknown[]) => ReturnType<typeof real>)(...args);
      const computeSecret = engine.computeSecret.bind(engine) as (key: Buffer) => Buffer;
      engine.computeSecret = ((key: Buffer) => {
        computed += 1;
        return computeSecret(key);
      }) as typeof engine.computeSecret;
      return engine;
    }) as typeof real);
    expect(fresh.powModPath()).toMatchObject({ path: 'platform' });
    const prime = fresh.str2bigInt(OTR_GROUP.N, 16, 0);
    const p = toBig(prime);
    const before = computed;
    for (const [baseBits, expBits] of [[1536, 320], [1536, 1536], [1530, 160], [8, 320]] as const) {
      for (let i = 0; i < 5; i++) {
        const x = fresh.randBigInt(baseBits, 0);
        const y = fresh.randBigInt(expBits, 0);
        expect(toBig(fresh.powMod(x, y, prime))).toBe(reference(toBig(x), toBig(y), p));
      }
    }
    expect(computed - before).toBeGreaterThanOrEqual(19); // all but a base that happens to be 0 or 1
    // Bases the DH primitive refuses, and a zero exponent, still give the right answer (BigInt computes them).
    for (const base of [0n, 1n, p - 1n, p, p + 1n]) {
      const x = fresh.str2bigInt(base.toString(16), 16, 0);
      const y = fresh.str2bigInt('3', 10, 0);
      expect(toBig(fresh.powMod(x, y, prime))).toBe(reference(base, 3n, p));
    }
    expect(toBig(fresh.powMod(fresh.str2bigInt('5', 10, 0), fresh.str2bigInt('0', 10, 0), prime))).toBe(1n);
  });

  it('says so, loudly, when the platform library fails its known answer, and computes with BigInt instead', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      const fresh = loadWith((real) => ((...args: Parameters<typeof real>) => {
        const engine = (real as (...a: unknown[]) => ReturnType<typeof real>)(...args);
        engine.computeSecret = (() => Buffer.from([7])) as unknown as typeof engine.computeSecret; // a wrong answer
        return engine;
      }) as typeof real);
      expect(fresh.powModPath()).toEqual({ path: 'bigint', reason: 'known-answer' });
      expect(warn).toHaveBeenCalledTimes(1);
      expect(String(warn.mock.calls[0]![0])).toMatch(/wrong known answer.*not constant time/);
      const prime = fresh.str2bigInt(OTR_GROUP.N, 16, 0);
      const x = fresh.randBigInt(1536, 0);
      const y = fresh.randBigInt(320, 0);
      expect(toBig(fresh.powMod(x, y, prime))).toBe(reference(toBig(x), toBig(y), toBig(prime)));
    } finally {
      warn.mockRestore();
    }
  });
});

describe('the engine names its exponentiation path', () => {
  it('in this process the platform library is used, and that is said once, as information', () => {
    expect(powModPath()).toMatchObject({ path: 'platform' });
    const log = { info: vi.fn(), warn: vi.fn() };
    reportPowModPath(log);
    reportPowModPath(log);
    expect(log.info).toHaveBeenCalledTimes(1);
    expect(log.warn).not.toHaveBeenCalled();
    expect(describePowModPath({ path: 'platform' })).toMatchObject({ level: 'info', text: expect.stringMatching(/node:crypto.*DSA signing.*not constant time/) });
  });

  it('the BigInt fallback is a warning that names the reason', () => {
    expect(describePowModPath({ path: 'bigint', reason: 'known-answer' })).toEqual({
      level: 'warn',
      text: expect.stringMatching(/wrong known answer.*not constant time/),
    });
  });
});
