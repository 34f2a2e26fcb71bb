import { describe, expect, it } from 'vitest';

import {
  decryptText, deriveRawKey, deriveSessionKey, encryptText, generateKeyPair, importKeyPair, NativeCodecError,
  sessionKeyFromRaw,
} from '../../src/otr/native/codec.js';
import { decryptAck, decryptMessage, encryptAck, encryptMessage, messagePlainText } from '../../src/otr/native/payload.js';
import { ALICE_JWK, BOB_JWK, IV_HEX, PLAIN, PLAIN_TEXT, SHARED_KEY_HEX, WIRE } from './vectors.js';

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
const fixedKey = () => sessionKeyFromRaw(Buffer.from(SHARED_KEY_HEX, 'hex'));

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'resolved';
  } catch (err) {
    return err instanceof NativeCodecError ? err.code : `other: ${String(err)}`;
  }
}

describe('native OTR codec (fixed vectors)', () => {
  it('derives the known shared key from either side of the JWK pair', async () => {
    const alice = await importKeyPair(ALICE_JWK);
    const bob = await importKeyPair(BOB_JWK);
    expect(hex(await deriveRawKey(alice.privateKey, bob.publicKey))).toBe(SHARED_KEY_HEX);
    expect(hex(await deriveRawKey(bob.privateKey, alice.publicKey))).toBe(SHARED_KEY_HEX);
  });

  it('sends the public key as a plain public JWK text, never the private part', async () => {
    const alice = await importKeyPair(ALICE_JWK);
    expect(JSON.parse(alice.publicKey)).toEqual({ kty: 'EC', crv: 'P-256', x: ALICE_JWK.x, y: ALICE_JWK.y });
    const fresh = await generateKeyPair();
    expect(Object.keys(JSON.parse(fresh.publicKey) as object).sort()).toEqual(['crv', 'kty', 'x', 'y']);
  });

  it('encrypts the message EJSON to the exact known wire string with the known IV', async () => {
    expect(messagePlainText(PLAIN)).toBe(PLAIN_TEXT);
    expect(await encryptMessage(await fixedKey(), PLAIN, Buffer.from(IV_HEX, 'hex'))).toBe(WIRE);
  });

  it('decrypts the known wire string to the message, ts as a Date', async () => {
    expect(await decryptMessage(await fixedKey(), WIRE)).toEqual(PLAIN);
  });

  it('round-trips fresh keys, and an ack carries the acknowledged token', async () => {
    const a = await generateKeyPair();
    const b = await generateKeyPair();
    const ka = await deriveSessionKey(a.privateKey, b.publicKey);
    const kb = await deriveSessionKey(b.privateKey, a.publicKey);
    expect(await decryptText(kb, await encryptText(ka, 'hé ✓'))).toBe('hé ✓');
    expect(await decryptAck(ka, await encryptAck(kb, 'token-1'))).toBe('token-1');
  });

  it('refuses with the wrong key, tampered bytes or a malformed wire string, and says nothing more', async () => {
    const other = await generateKeyPair();
    const wrong = await deriveSessionKey(other.privateKey, (await importKeyPair(BOB_JWK)).publicKey);
    expect(await codeOf(decryptText(wrong, WIRE))).toBe('decrypt-failed');
    const bytes = Buffer.from((JSON.parse(WIRE) as { $binary: string }).$binary, 'base64');
    bytes[20] = (bytes[20] ?? 0) ^ 1;
    expect(await codeOf(decryptText(await fixedKey(), JSON.stringify({ $binary: bytes.toString('base64') })))).toBe('decrypt-failed');
    for (const bad of ['not json', '{"$binary":"AAEC"}', '{"$binary":"%%%"}', '{"$binary":1}', '{"msg":"x"}', '[]']) {
      expect(await codeOf(decryptText(await fixedKey(), bad))).toBe('bad-wire');
    }
  });

  it('refuses a decrypted text that is not a message', async () => {
    const key = await fixedKey();
    expect(await codeOf(decryptMessage(key, await encryptText(key, '{"text":"no id"}')))).toBe('decrypt-failed');
    expect(await codeOf(decryptMessage(key, await encryptText(key, 'plain')))).toBe('decrypt-failed');
  });

  it('refuses peer keys that are not P-256 public JWKs on the curve', async () => {
    const alice = await importKeyPair(ALICE_JWK);
    const offCurve = JSON.stringify({ kty: 'EC', crv: 'P-256', x: BOB_JWK.x, y: ALICE_JWK.y });
    for (const bad of ['nope', '{}', JSON.stringify({ ...BOB_JWK }), JSON.stringify({ kty: 'EC', crv: 'P-384', x: BOB_JWK.x, y: BOB_JWK.y }), offCurve]) {
      expect(await codeOf(deriveRawKey(alice.privateKey, bad))).toBe('bad-key');
    }
  });
});
