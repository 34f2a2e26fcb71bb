// Clear words for what goes wrong in a session. With debug off the library reports only
// "An OTR error has occurred.", so the engine keeps the library's internal reason (see session.ts)
// and turns it into a sentence a person can act on, plus whether the session is still usable.

export interface EngineProblem {
  message: string;
  /** True when this session cannot carry private messages any more: close it and start a fresh one. */
  fatal: boolean;
}

const problem = (message: string, fatal = false): EngineProblem => ({ message, fatal });

/** Problems the engine itself detects; exported so callers and tests can recognise them. */
export const Problems = {
  unreadable: problem('Received an unreadable encrypted message; it was ignored'),
  altered: problem('Received an encrypted message that was altered or damaged on the way; it was ignored'),
  replayed: problem('Received an encrypted message twice or out of order; it was ignored'),
  staleKeys: problem('Received an encrypted message for keys that are no longer in use (delayed or replayed); it was ignored'),
  otherSession: problem('Message from a different session (another device or an earlier conversation); it was ignored'),
  malformed: problem('Received a malformed OTR message; it was ignored'),
  unreadableWire: problem('Received an OTR message that could not be read; it was ignored'),
  peerReported: problem('The other side reported an OTR error: it could not read something we sent'),
  handshakeFailed: problem('The handshake failed: a handshake message from the other side did not verify', true),
  handshakeAltered: problem('The handshake failed: a handshake message was altered or damaged on the way', true),
  noCommonVersion: problem('The other side asked for an OTR version this app does not speak (only OTR v3)', true),
  handshakeWhilePrivate: problem('Ignored a handshake message: this private session is already established'),
  afterEnd: problem('Received OTR traffic after the private session ended; it cannot be read'),
  sendAfterEnd: problem('The private session has ended; the message was not sent', true),
  notReady: problem('The private session is not ready to encrypt; the message was not sent'),
  tooLong: problem('The message is too long to send privately; it was not sent'),
  keysExhausted: problem('This private session has used up its keys; start a new one', true),
  smpNeedsPrivate: problem('Verification needs an established private session'),
  smpNeedsSecret: problem('Verification needs a shared secret'),
  smpNoQuestion: problem('There is no verification question to answer'),
  noIdentity: problem('No identity key is loaded, so no private session can start', true),
  noSession: problem('There is no open OTR session with this id', true),
  engineStopped: problem('The OTR engine stopped unexpectedly; start a new private session', true),
  internal: problem('An internal OTR error occurred; the session may not be usable', true),
} as const;

/** The library's own (debug) reasons, mapped. Anything unknown is reported as a malformed message. */
const LIBRARY_REASONS: Record<string, EngineProblem | null> = {
  'Received an unreadable encrypted message.': Problems.unreadable,
  'Not of our latest keys.': Problems.staleKeys,
  'Not of your latest keys.': Problems.staleKeys,
  'Do not have that key.': Problems.staleKeys,
  'Counter in message is not larger.': Problems.replayed,
  'Received a message intended for a different session.': Problems.otherSession,
  'Hashed g^x does not match.': Problems.handshakeFailed,
  'Illegal g^x.': Problems.handshakeFailed,
  'Illegal g^y.': Problems.handshakeFailed,
  'Cannot verify signature of m.': Problems.handshakeFailed,
  'equal keys - we have a problem.': Problems.handshakeFailed,
  'OTR conversation requested, but no compatible protocol version found.': Problems.noCommonVersion,
  'Not ready to encrypt.': Problems.notReady,
  'Message is too long.': Problems.tooLong,
  'Too many fragments': Problems.tooLong,
  'Should have rekeyed by now.': Problems.keysExhausted,
  'Must be encrypted for SMP.': Problems.smpNeedsPrivate,
  'Secret is required.': Problems.smpNeedsSecret,
  'Message cannot be sent at this time.': Problems.sendAfterEnd,
  // Plaintext arrives as a `message` event with encrypted=false; a second, error, report adds nothing.
  'Received an unencrypted message.': null,
};

/**
 * Maps a reason the library gave to a problem, or null when it needs no report.
 * `duringHandshake`: the session is not private yet, so a failed MAC is a failed handshake.
 */
export function explainLibraryError(reason: string, duringHandshake: boolean): EngineProblem | null {
  if (reason === 'MACs do not match.') return duringHandshake ? Problems.handshakeAltered : Problems.altered;
  const known = LIBRARY_REASONS[reason];
  return known === undefined ? Problems.malformed : known;
}
