// Detects what must never cross into the renderer: OTR wire text and key material.
// Used by the IPC audit (tests and the host's recorder); cheap enough to run on every frame in tests.

const OTR_WIRE = /\?OTR(?:[:|,]|v\d*\?|\?v| Error:)/;
/** Rocket.Chat's own OTR: its ciphertext is EJSON `{"$binary": …}`, its keys JWKs (`"kty"`); also JSON-escaped. */
const NATIVE_CIPHER = /\$binary\\?"\s*:/;
const JWK = /\\?"(?:kty|crv)\\?"\s*:\s*\\?"(?:EC|P-256)/;
/** Base64-packed DSA private keys (packPrivate) start with the 2-byte type 0x0000 → "AAAA" and are ~596 chars. */
const PACKED_DSA = /AAAA[A-Za-z0-9+/]{400,}={0,2}/;

export function findForbidden(serialized: string): string | null {
  if (OTR_WIRE.test(serialized)) return 'otr-wire-text';
  if (NATIVE_CIPHER.test(serialized)) return 'native-otr-ciphertext';
  if (PACKED_DSA.test(serialized) || JWK.test(serialized)) return 'key-material';
  return null;
}
