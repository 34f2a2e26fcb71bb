// Rocket.Chat's own ("native") OTR, as the official apps up to 7.x speak it: one ephemeral ECDH P-256 key pair per
// side, SHA-256 of the shared secret cut to 128 bits, AES-128-GCM per message, bytes on the wire as EJSON $binary.
// Pure crypto, no I/O: it runs in the main process (never in the renderer).
import { webcrypto } from 'node:crypto';

type CryptoKey = webcrypto.CryptoKey;
const { subtle } = webcrypto;

const ECDH = { name: 'ECDH', namedCurve: 'P-256' } as const;
const IV_BYTES = 12;
const TAG_BYTES = 16;

export type NativeCodecErrorCode = 'bad-key' | 'bad-wire' | 'decrypt-failed';

/** A key or ciphertext we cannot use. The message never says more than the code (no key or text material). */
export class NativeCodecError extends Error {
  constructor(readonly code: NativeCodecErrorCode) {
    super(`native OTR: ${code}`);
    this.name = 'NativeCodecError';
  }
}

export interface NativeKeyPair {
  readonly privateKey: CryptoKey;
  /** The public key as the official apps send it: the JSON text of its JWK. */
  readonly publicKey: string;
}

/** The AES-128-GCM key both sides derive. */
export interface NativeSessionKey {
  readonly key: CryptoKey;
}

/** Only the members the importer needs; a JWK carrying `d` or odd `key_ops` would fail in WebCrypto. */
function publicJwkText(jwk: webcrypto.JsonWebKey): string {
  return JSON.stringify({ kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y });
}

export async function generateKeyPair(): Promise<NativeKeyPair> {
  const pair = await subtle.generateKey(ECDH, true, ['deriveBits']);
  const jwk = await subtle.exportKey('jwk', pair.publicKey);
  // The private key stays non-extractable in spirit: nothing here exports it again.
  return { privateKey: pair.privateKey, publicKey: publicJwkText(jwk) };
}

/** A fixed key pair from a private JWK (test vectors, the test peer). */
export async function importKeyPair(privateJwk: webcrypto.JsonWebKey): Promise<NativeKeyPair> {
  try {
    const privateKey = await subtle.importKey('jwk', { ...privateJwk, key_ops: undefined, ext: undefined }, ECDH, false, ['deriveBits']);
    return { privateKey, publicKey: publicJwkText(privateJwk) };
  } catch {
    throw new NativeCodecError('bad-key');
  }
}

const B64URL = /^[A-Za-z0-9_-]{43}$/;

/** Parses the peer's public key text: an EC P-256 JWK with 32-byte x and y; anything else is refused. */
function parsePublicJwk(text: string): webcrypto.JsonWebKey {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new NativeCodecError('bad-key');
  }
  if (typeof value !== 'object' || value === null) throw new NativeCodecError('bad-key');
  const { kty, crv, x, y, d } = value as Record<string, unknown>;
  if (kty !== 'EC' || crv !== 'P-256' || typeof x !== 'string' || typeof y !== 'string' || d !== undefined) {
    throw new NativeCodecError('bad-key');
  }
  if (!B64URL.test(x) || !B64URL.test(y)) throw new NativeCodecError('bad-key');
  return { kty, crv, x, y };
}

/** The 16 raw AES key bytes: SHA-256 of the 32-byte ECDH secret, first half. Exported for the fixed vectors. */
export async function deriveRawKey(own: CryptoKey, peerPublicKey: string): Promise<Uint8Array> {
  const jwk = parsePublicJwk(peerPublicKey);
  let bits: ArrayBuffer;
  try {
    const peer = await subtle.importKey('jwk', jwk, ECDH, false, []);
    bits = await subtle.deriveBits({ name: 'ECDH', public: peer }, own, 256);
  } catch {
    // Not a point on the curve, or not our kind of key.
    throw new NativeCodecError('bad-key');
  }
  const digest = await subtle.digest('SHA-256', bits);
  return new Uint8Array(digest.slice(0, 16));
}

export async function sessionKeyFromRaw(raw: Uint8Array): Promise<NativeSessionKey> {
  const key = await subtle.importKey('raw', raw, { name: 'AES-GCM' }, false, ['encrypt', 'decrypt']);
  return { key };
}

export async function deriveSessionKey(own: CryptoKey, peerPublicKey: string): Promise<NativeSessionKey> {
  return sessionKeyFromRaw(await deriveRawKey(own, peerPublicKey));
}

/** Encrypts UTF-8 text; the wire string is EJSON `{"$binary":"<base64 of iv ‖ ciphertext ‖ tag>"}`. */
export async function encryptText(session: NativeSessionKey, text: string, iv?: Uint8Array): Promise<string> {
  const nonce = iv ?? webcrypto.getRandomValues(new Uint8Array(IV_BYTES));
  if (nonce.length !== IV_BYTES) throw new NativeCodecError('bad-wire');
  const ct = await subtle.encrypt({ name: 'AES-GCM', iv: nonce }, session.key, new TextEncoder().encode(text));
  const bytes = Buffer.concat([Buffer.from(nonce), Buffer.from(ct)]);
  return JSON.stringify({ $binary: bytes.toString('base64') });
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** The bytes of an EJSON `$binary` wire string, or a `bad-wire` error. */
function wireBytes(wire: string): Buffer {
  let value: unknown;
  try {
    value = JSON.parse(wire);
  } catch {
    throw new NativeCodecError('bad-wire');
  }
  if (typeof value !== 'object' || value === null || Object.keys(value).length !== 1) throw new NativeCodecError('bad-wire');
  const b64 = (value as Record<string, unknown>).$binary;
  if (typeof b64 !== 'string' || !BASE64.test(b64) || b64.length % 4 !== 0) throw new NativeCodecError('bad-wire');
  const bytes = Buffer.from(b64, 'base64');
  if (bytes.length < IV_BYTES + TAG_BYTES) throw new NativeCodecError('bad-wire');
  return bytes;
}

/** Decrypts a wire string to its UTF-8 text; a wrong key or tampered bytes give `decrypt-failed`. */
export async function decryptText(session: NativeSessionKey, wire: string): Promise<string> {
  const bytes = wireBytes(wire);
  let plain: ArrayBuffer;
  try {
    plain = await subtle.decrypt({ name: 'AES-GCM', iv: bytes.subarray(0, IV_BYTES) }, session.key, bytes.subarray(IV_BYTES));
  } catch {
    throw new NativeCodecError('decrypt-failed');
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(plain);
  } catch {
    throw new NativeCodecError('decrypt-failed');
  }
}
