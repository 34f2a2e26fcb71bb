// The consent flow's own texts on the wire. They travel as ordinary DM messages, so they work on every
// Rocket.Chat version, and they read sensibly in clients without OTR (the query's second line) and in
// libotr clients (which show `?OTR Error:` texts as errors). Changing a text breaks older peers: don't.

/** OTR v3 only: the engine refuses v2 (no instance tags). */
export const QUERY_TAG = '?OTRv3?';

/** Our start request: the query tag, then a line for people whose client does not speak OTR. */
export function queryText(username: string): string {
  return (
    `${QUERY_TAG}\n${username} wants to start an encrypted Off-the-Record chat. ` +
    'If you can read this line, your app does not support OTR v3; an OTR-capable client is needed.'
  );
}

const ERROR_PREFIX = '?OTR Error:';

/** Our answer "No" to a request. */
export const DECLINE_TEXT = `${ERROR_PREFIX}The Off-the-Record chat request was declined.`;
/** The requester gave up (Cancel, or its countdown ran out): the peer's Yes/No dialog closes. */
export const WITHDRAW_TEXT = `${ERROR_PREFIX}The Off-the-Record chat request was withdrawn.`;
/** Encrypted data arrived but no session exists to read it (typically: we restarted). */
export const UNREADABLE_TEXT = `${ERROR_PREFIX}Received an encrypted message that cannot be read: no private chat is open. Start a new one.`;

export type OurErrorText = 'decline' | 'withdraw' | 'unreadable';

/** Which of our fixed texts `wire` is, if any. Surrounding whitespace is ignored. */
export function recogniseOurText(wire: string): OurErrorText | null {
  const text = wire.trim();
  if (text === DECLINE_TEXT) return 'decline';
  if (text === WITHDRAW_TEXT) return 'withdraw';
  if (text === UNREADABLE_TEXT) return 'unreadable';
  return null;
}

/** The words after `?OTR Error:`, trimmed and bounded, safe to show (they are the peer's, not secrets). */
export function errorDetail(wire: string): string {
  const text = wire.trim();
  const words = text.startsWith(ERROR_PREFIX) ? text.slice(ERROR_PREFIX.length) : text;
  return words.trim().slice(0, 200);
}
