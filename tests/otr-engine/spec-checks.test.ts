// Checks the OTR v3 spec (and libotr) make that arlolra `otr` lacked, added by patches/otr+0.2.16.patch:
// SMP exponents in [1, q) (libotr's check_expon) and instance tags below 0x100 refused. Both fail unpatched.
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import otr from 'otr';
import { alice, bob } from './helpers.js';

const require = createRequire(import.meta.url);

interface Big {
  readonly length: number;
}
interface BigIntLib {
  str2bigInt(s: string, base: number): Big;
  add(a: Big, b: Big): Big;
  sub(a: Big, b: Big): Big;
  divInt_(a: Big, n: number): void;
}
interface Helpers {
  packINT(n: number): string;
  packMPIs(values: Big[]): string;
  unpackMPIs(count: number, data: string): Big[];
  packTLV(type: number, value: string): string;
  unpackSHORT(bytes: string): number;
}
interface SmpMachine {
  on(event: 'send', listener: (ssid: string, data: string) => void): void;
  on(event: 'trust', listener: (trusted: boolean) => void): void;
  on(event: 'abort' | 'question', listener: () => void): void;
  rcvSecret(secret: string, question?: string): void;
  handleSM(tlv: { type: number; msg: string }): void;
}

// The library's own modules (the same CommonJS instances lib/sm.js uses).
const BigInt = require('otr/vendor/bigint.js') as BigIntLib;
const HLP = require('otr/lib/helpers.js') as Helpers;
const SM = require('otr/lib/sm.js') as new (reqs: { our_fp: string; their_fp: string; ssid: string }) => SmpMachine;
const CONST = require('otr/lib/const.js') as { N: string };

const N = BigInt.str2bigInt(CONST.N, 16);
const Q = BigInt.sub(N, BigInt.str2bigInt('1', 10));
BigInt.divInt_(Q, 2);

/** How many MPIs each SMP TLV carries, and which of them are exponents the receiver must range-check. */
const EXPONENTS: Record<number, { count: number; at: number[] }> = {
  2: { count: 6, at: [2, 5] }, // d2, d3
  3: { count: 11, at: [2, 5, 9, 10] }, // d2, d3, d5, d6
  4: { count: 8, at: [3, 4, 7] }, // d5, d6, d7
  5: { count: 3, at: [2] }, // d7
};

/** Adds q to one exponent of the first TLV of `type`: the same proof still verifies, the range does not. */
function tamper(type: number, index: number) {
  let done = false;
  return (tlv: { type: number; msg: string }): { type: number; msg: string } => {
    if (done || tlv.type !== type) return tlv;
    done = true;
    const { count } = EXPONENTS[type]!;
    const mpis = HLP.unpackMPIs(count, tlv.msg.substring(4));
    mpis[index] = BigInt.add(mpis[index]!, Q);
    return { type, msg: HLP.packINT(count) + HLP.packMPIs(mpis) };
  };
}

/** One SMP run between two library state machines; `alter` may change any TLV on its way. */
function runSmp(alter: (tlv: { type: number; msg: string }) => { type: number; msg: string }) {
  const ssid = 'ssid0123';
  const asker = new SM({ our_fp: alice.fingerprint.toLowerCase(), their_fp: bob.fingerprint.toLowerCase(), ssid });
  const answerer = new SM({ our_fp: bob.fingerprint.toLowerCase(), their_fp: alice.fingerprint.toLowerCase(), ssid });
  const outcome = { asker: [] as string[], answerer: [] as string[] };
  const wire = (from: SmpMachine, to: SmpMachine, log: string[]) => {
    from.on('send', (_ssid, data) => {
      // '\x00' + TLV: type (2 bytes), length (2 bytes), value
      const type = HLP.unpackSHORT(data.substring(1, 3));
      if (type === 6) return; // an abort goes nowhere in this test: the refusing side's own event says it
      to.handleSM(alter({ type, msg: data.substring(5) }));
    });
    from.on('abort', () => log.push('abort'));
    from.on('trust', (trusted) => log.push(trusted ? 'trusted' : 'not trusted'));
  };
  wire(asker, answerer, outcome.asker);
  wire(answerer, asker, outcome.answerer);
  answerer.on('question', () => answerer.rcvSecret('the blue door'));
  asker.rcvSecret('the blue door');
  return outcome;
}

describe('patched otr: SMP exponent range (check_expon)', () => {
  it('a clean run succeeds on both sides', () => {
    expect(runSmp((tlv) => tlv)).toEqual({ asker: ['trusted'], answerer: ['trusted'] });
  });

  for (const [type, { at }] of Object.entries(EXPONENTS)) {
    for (const index of at) {
      it(`refuses an exponent ≥ q in TLV ${type} (MPI ${index})`, () => {
        const outcome = runSmp(tamper(Number(type), index));
        const receiver = Number(type) === 2 || Number(type) === 4 ? outcome.answerer : outcome.asker;
        expect(receiver).toEqual(['abort']);
      });
    }
  }
});

describe('patched otr: instance tags', () => {
  it('ignores AKE messages from an instance tag below 0x100', async () => {
    const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 5));
    const make = (packedKey: string, tag: number) => {
      const o = new otr.OTR({ priv: otr.DSA.parsePrivate(packedKey), instance_tag: HLP.packINT(tag) });
      o.ALLOW_V2 = false;
      const out: string[] = [];
      o.on('io', (wire) => void out.push(wire));
      return { o, out };
    };
    const ours = make(alice.packedKey, 0x1234);
    const theirs = make(bob.packedKey, 0xff); // 255: above the old threshold of 100, below the spec's 0x100
    ours.o.receiveMsg('?OTRv3?');
    await settle();
    expect(ours.out).toHaveLength(1); // our D-H Commit
    theirs.o.receiveMsg(ours.out[0]!);
    await settle();
    expect(theirs.out).toHaveLength(1); // their D-H Key, sent from instance tag 0xff
    ours.o.receiveMsg(theirs.out[0]!);
    await settle();
    expect(ours.out).toHaveLength(1); // ignored: no Reveal Signature goes out
  });
});
