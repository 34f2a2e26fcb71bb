// Long-term DSA identities: generated and parsed where the OTR math runs (the worker).
import otr from 'otr';
import type { Identity } from '../ports.js';
import { normalizeFingerprint } from '../fingerprint.js';
import type { SessionKeys } from './session.js';

const { OTR, DSA } = otr;

/** DSA-1024 keygen: 1–8 s for the first key in a thread (it also makes p, q, g), milliseconds after. */
export function generateIdentity(): Identity {
  const key = new DSA();
  const fingerprint = normalizeFingerprint(key.fingerprint());
  if (fingerprint === null) throw new Error('The new key has no valid fingerprint');
  const instanceTagHex = Buffer.from(OTR.makeInstanceTag(), 'latin1').toString('hex');
  return { packedKey: key.packPrivate(), instanceTagHex, fingerprint };
}

/** Turns a stored identity back into what sessions need, refusing one that does not add up. */
export function loadIdentity(identity: Identity): SessionKeys {
  if (!/^[0-9a-f]{8}$/i.test(identity.instanceTagHex) || parseInt(identity.instanceTagHex, 16) < 0x100) {
    throw new Error('The stored instance tag is not valid');
  }
  let key;
  try {
    key = DSA.parsePrivate(identity.packedKey);
  } catch {
    throw new Error('The stored identity key cannot be read');
  }
  if (normalizeFingerprint(key.fingerprint()) !== normalizeFingerprint(identity.fingerprint)) {
    throw new Error('The stored identity key does not match its fingerprint');
  }
  return { key, instanceTag: Buffer.from(identity.instanceTagHex, 'hex').toString('latin1') };
}
