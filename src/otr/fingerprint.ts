// OTR fingerprints: SHA-1 of the peer's long-term DSA public key, 40 hex digits.
// The model keeps them as 40 upper-case hex digits; people compare them in five groups of eight.
import type { Fingerprint } from '../contract/model.js';

const HEX40 = /^[0-9A-F]{40}$/;

/**
 * Accepts a fingerprint as the library gives it (lower case) or as people paste it (spaces, colons,
 * line breaks) and returns 40 upper-case hex digits, or null if it is not a fingerprint.
 */
export function normalizeFingerprint(input: string): Fingerprint | null {
  const compact = input.replace(/[\s:-]/g, '').toUpperCase();
  return HEX40.test(compact) ? compact : null;
}

/** "6CC76B7B 49A77990 …": five groups of eight, the way libotr and Pidgin show it. */
export function formatFingerprint(fingerprint: Fingerprint): string {
  const normal = normalizeFingerprint(fingerprint);
  if (normal === null) throw new Error('Not a fingerprint');
  return normal.match(/.{8}/g)!.join(' ');
}

/**
 * True when both name the same key. Compares every digit whatever the first difference, so the time
 * taken says nothing about how much of a guessed fingerprint was right.
 */
export function sameFingerprint(a: string, b: string): boolean {
  const x = normalizeFingerprint(a);
  const y = normalizeFingerprint(b);
  if (x === null || y === null) return false;
  let diff = 0;
  for (let i = 0; i < x.length; i++) diff |= x.charCodeAt(i) ^ y.charCodeAt(i);
  return diff === 0;
}
