// What travels inside a native OTR ciphertext: EJSON text of the message (`ts` as `{"$date": ms}`), or of an ack.
import { randomBytes } from 'node:crypto';

import { decryptText, encryptText, NativeCodecError, type NativeSessionKey } from './codec.js';

export interface NativeMessagePlain {
  /** The message id the sender chose (the id on the wire too). */
  readonly _id: string;
  readonly text: string;
  /** The sender's user id, inside the ciphertext. */
  readonly userId: string;
  /** A random token the receiver returns encrypted to say "delivered". */
  readonly ack: string;
  /** The sender's clock. */
  readonly ts: Date;
}

const ID_CHARS = '23456789ABCDEFGHJKLMNPQRSTWXYZabcdefghijkmnopqrstuvwxyz';

/** An unpredictable Meteor-style id (17 characters from Meteor's alphabet). */
export function randomToken(length = 17): string {
  const bytes = randomBytes(length);
  return Array.from(bytes, (b) => ID_CHARS[b % ID_CHARS.length]).join('');
}

/** The EJSON text the official apps encrypt, members in their order. */
export function messagePlainText(plain: NativeMessagePlain): string {
  return JSON.stringify({ _id: plain._id, text: plain.text, userId: plain.userId, ack: plain.ack, ts: { $date: plain.ts.getTime() } });
}

function parseObject(text: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new NativeCodecError('decrypt-failed');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new NativeCodecError('decrypt-failed');
  return value as Record<string, unknown>;
}

export function parseMessagePlain(text: string): NativeMessagePlain {
  const { _id, text: body, userId, ack, ts } = parseObject(text);
  const ms = typeof ts === 'object' && ts !== null ? (ts as Record<string, unknown>).$date : undefined;
  if (typeof _id !== 'string' || typeof body !== 'string' || typeof userId !== 'string' || typeof ack !== 'string'
    || typeof ms !== 'number' || !Number.isFinite(ms)) {
    throw new NativeCodecError('decrypt-failed');
  }
  return { _id, text: body, userId, ack, ts: new Date(ms) };
}

export async function encryptMessage(key: NativeSessionKey, plain: NativeMessagePlain, iv?: Uint8Array): Promise<string> {
  return encryptText(key, messagePlainText(plain), iv);
}

export async function decryptMessage(key: NativeSessionKey, wire: string): Promise<NativeMessagePlain> {
  return parseMessagePlain(await decryptText(key, wire));
}

/** The ack as the official apps send it: `{text: <the message's ack>, ack: <new random>}`, encrypted. */
export async function encryptAck(key: NativeSessionKey, ack: string): Promise<string> {
  return encryptText(key, JSON.stringify({ text: ack, ack: randomToken() }));
}

/** The acknowledged token inside an encrypted ack. */
export async function decryptAck(key: NativeSessionKey, wire: string): Promise<string> {
  const { text } = parseObject(await decryptText(key, wire));
  if (typeof text !== 'string') throw new NativeCodecError('decrypt-failed');
  return text;
}
