import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';

import { sha256Hex } from '../util/ids.js';

// Like Rocket.Chat (bcrypt over the SHA-256 digest), the server keeps a salted slow hash of the digest, so the
// plain password never needs to be stored. scrypt with a small cost keeps test logins fast.

export interface PasswordHash {
  salt: string;
  hash: string;
}

const SCRYPT_OPTIONS = { N: 1024, r: 8, p: 1 };

function derive(digest: string, salt: string): Buffer {
  return scryptSync(digest.toLowerCase(), salt, 32, SCRYPT_OPTIONS);
}

export function hashPassword(plain: string): PasswordHash {
  const salt = randomBytes(16).toString('base64');
  return { salt, hash: derive(sha256Hex(plain), salt).toString('base64') };
}

/** Checks a client-supplied lower-case hex SHA-256 digest against the stored hash. */
export function verifyDigest(stored: PasswordHash, digest: string): boolean {
  const expected = Buffer.from(stored.hash, 'base64');
  const actual = derive(digest, stored.salt);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
