// Bug A: arlolra/otr turned the AKE secret r into an AES key via an unpadded hex string and revealed
// it as a minimal MPI, so 1 AKE in 16 failed against spec-compliant peers. patches/otr+0.2.16.patch
// keeps r at 16 bytes. This test forces an r with leading zeros and checks the handshake the way a
// spec-compliant peer would, with node:crypto: it fails on the unpatched library.
import { createDecipheriv, createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { afterEach, describe, expect, it } from 'vitest';
import otr, { type OtrSession } from 'otr';
import { alice, bob } from './helpers.js';
import { decodeEncoded, reader } from './otr-wire-parse.js';

const require = createRequire(import.meta.url);
// The library's own bigint module (same CommonJS instance as lib/ake.js uses).
const BigInt = require('otr/vendor/bigint.js') as {
  randBigInt: (bits: number, s?: number) => unknown;
  str2bigInt: (s: string, base: number) => unknown;
};
const realRand = BigInt.randBigInt;

afterEach(() => {
  BigInt.randBigInt = realRand;
});

function session(packedKey: string, tagHex: string): { otr: OtrSession; out: string[]; secure: () => boolean } {
  const o = new otr.OTR({ priv: otr.DSA.parsePrivate(packedKey), instance_tag: Buffer.from(tagHex, 'hex').toString('latin1') });
  o.ALLOW_V2 = false;
  const out: string[] = [];
  let ok = false;
  o.on('io', (wire) => {
    out.push(wire);
  });
  o.on('status', (code) => {
    if (code === otr.OTR.CONST.STATUS_AKE_SUCCESS) ok = true;
  });
  return { otr: o, out, secure: () => ok };
}

const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 5));

/** Runs the AKE with the DH-Commit sent by `initiator` (the side that answers a query). */
async function handshake(initiatorKey = alice, responderKey = bob): Promise<{ wires: string[]; ok: boolean }> {
  const init = session(initiatorKey.packedKey, initiatorKey.instanceTagHex);
  const resp = session(responderKey.packedKey, responderKey.instanceTagHex);
  const wires: string[] = [];
  resp.otr.sendQueryMsg();
  for (let round = 0; round < 10; round++) {
    await settle();
    for (const [from, to] of [[resp, init], [init, resp]] as const) {
      for (const wire of from.out.splice(0)) {
        wires.push(wire);
        to.otr.receiveMsg(wire);
      }
    }
    if (init.secure() && resp.secure()) break;
  }
  return { wires, ok: init.secure() && resp.secure() };
}

describe('Bug A: the AKE secret r keeps all 16 bytes', () => {
  it.each([
    ['a leading zero hex digit', '0'],
    ['a leading zero byte', '00'],
  ])('with %s, r is revealed as 16-byte DATA and is the AES key of the D-H Commit', async (_name, prefix) => {
    const hex = prefix + 'f3a5c6e9b2d4f6a8c0e1d3b5a7c9e0f2'.slice(prefix.length);
    BigInt.randBigInt = (bits: number, s?: number) => (bits === 128 ? BigInt.str2bigInt(hex, 16) : realRand(bits, s));

    const { wires, ok } = await handshake();
    expect(ok).toBe(true);

    const commit = wires.map((w) => (w.startsWith('?OTR:') ? decodeEncoded(w) : null)).find((m) => m?.type === 0x02);
    const reveal = wires.map((w) => (w.startsWith('?OTR:') ? decodeEncoded(w) : null)).find((m) => m?.type === 0x11);
    if (!commit || !reveal) throw new Error('The AKE did not produce a D-H Commit and a Reveal Signature');

    const revealedR = reveal.body.data();
    expect(revealedR.toString('hex')).toBe(hex);
    expect(revealedR.length).toBe(16);

    // What libotr does: AES-128-CTR with key r and a zero counter decrypts g^x, whose hash was committed.
    const encryptedGx = commit.body.data();
    const hashedGx = commit.body.data();
    const decipher = createDecipheriv('aes-128-ctr', revealedR, Buffer.alloc(16));
    const gxMpi = Buffer.concat([decipher.update(encryptedGx), decipher.final()]);
    expect(createHash('sha256').update(gxMpi).digest().equals(hashedGx)).toBe(true);
    const mpi = reader(gxMpi);
    expect(mpi.data().length).toBeGreaterThan(100);
  });

  it('an ordinary r still works between two patched peers', async () => {
    expect((await handshake(bob, alice)).ok).toBe(true);
  });
});
