// Meteor-style ids (17 characters from Meteor's unambiguous alphabet), made on the client so that a send the
// server already stored can be repeated after a reconnect without creating a second message.
import { randomInt } from 'node:crypto';

const ALPHABET = '23456789ABCDEFGHJKLMNPQRSTWXYZabcdefghijkmnopqrstuvwxyz';

export function newMessageId(): string {
  let id = '';
  for (let i = 0; i < 17; i++) id += ALPHABET.charAt(randomInt(ALPHABET.length));
  return id;
}

export function isMessageId(value: string): boolean {
  return /^[23456789ABCDEFGHJKLMNPQRSTWXYZabcdefghijkmnopqrstuvwxyz]{17}$/.test(value);
}
