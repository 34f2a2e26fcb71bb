import { createHash, randomBytes, randomInt } from 'node:crypto';

// Meteor's Random.id alphabet: no look-alike characters (0/O, 1/l/I).
const UNMISTAKABLE = '23456789ABCDEFGHJKLMNPQRSTWXYZabcdefghijkmnopqrstuvwxyz';

/** A 17-character id shaped like Meteor's `Random.id()`, used for users, rooms, messages and sessions. */
export function randomId(length = 17): string {
  let id = '';
  for (let i = 0; i < length; i += 1) id += UNMISTAKABLE[randomInt(UNMISTAKABLE.length)];
  return id;
}

/** An unguessable login token, like Meteor's `Random.secret()`. */
export function randomSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** Login tokens are stored hashed, as Meteor's `Accounts._hashLoginToken` does (SHA-256, base64). */
export function hashLoginToken(token: string): string {
  return createHash('sha256').update(token).digest('base64');
}

/** Lower-case hex SHA-256 of a UTF-8 string: the digest clients send as `password.digest`. */
export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
