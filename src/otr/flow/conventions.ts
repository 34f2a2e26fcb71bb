// The consent flow's own texts on the wire. They travel as ordinary DM messages, so they work on every
// Rocket.Chat version, and they read sensibly in clients without OTR (the query's second line) and in
// libotr clients (which show `?OTR Error: ` texts as errors). Changing a text breaks older peers: don't.

/** OTR v3 only: the engine refuses v2 (no instance tags). */
export const QUERY_TAG = '?OTRv3?';

/**
 * Our start request: the query tag, then a line for people whose client does not speak OTR, ending with how long
 * the request stays open, so the peer's countdown ends when ours does. Older versions sent the line without the
 * last sentence; a query without it is answered on the answerer's own timeout.
 */
export function queryText(username: string, timeoutMs: number): string {
  return (
    `${QUERY_TAG}\n${username} wants to start an encrypted Off-the-Record chat. ` +
    'If you can read this line, your app does not support OTR v3; an OTR-capable client is needed. ' +
    `This request expires after ${String(Math.round(timeoutMs / 1000))} s.`
  );
}

/** The longest and shortest timeout a peer's query may set (the range of the request-timeout setting). */
const QUERY_TIMEOUT_SEC = { min: 10, max: 600 };

/** How long the asker keeps its request open, as its query says, clamped to the setting's range; null if unsaid. */
export function queryTimeoutMs(wire: string): number | null {
  const match = /This request expires after (\d{1,6}) s\.\s*$/.exec(wire);
  if (!match?.[1]) return null;
  const seconds = Math.min(QUERY_TIMEOUT_SEC.max, Math.max(QUERY_TIMEOUT_SEC.min, Number(match[1])));
  return seconds * 1000;
}

/** libotr's prefix, with its space: libotr strips exactly this and shows the rest as the error. */
const ERROR_PREFIX = '?OTR Error: ';
/** Older OTR Desk versions sent the prefix without the space: still recognised. */
const BARE_PREFIX = '?OTR Error:';

/** Our answer "No" to a request. */
export const DECLINE_TEXT = `${ERROR_PREFIX}The Off-the-Record chat request was declined.`;
/** The requester gave up (Cancel, or its countdown ran out): the peer's Yes/No dialog closes. */
export const WITHDRAW_TEXT = `${ERROR_PREFIX}The Off-the-Record chat request was withdrawn.`;
/** Encrypted data arrived but no session exists to read it (typically: we restarted). */
export const UNREADABLE_TEXT = `${ERROR_PREFIX}Received an encrypted message that cannot be read: no private chat is open. Start a new one.`;

export type OurErrorText = 'decline' | 'withdraw' | 'unreadable';

/** Which of our fixed texts `wire` is, if any, with or without the space after the prefix. */
export function recogniseOurText(wire: string): OurErrorText | null {
  const text = wire.trim();
  if (!text.startsWith(BARE_PREFIX)) return null;
  const words = errorDetail(text);
  if (words === errorDetail(DECLINE_TEXT)) return 'decline';
  if (words === errorDetail(WITHDRAW_TEXT)) return 'withdraw';
  if (words === errorDetail(UNREADABLE_TEXT)) return 'unreadable';
  return null;
}

/** The words after `?OTR Error:`, trimmed and bounded, safe to show (they are the peer's, not secrets). */
export function errorDetail(wire: string): string {
  const text = wire.trim();
  const words = text.startsWith(BARE_PREFIX) ? text.slice(BARE_PREFIX.length) : text;
  return words.trim().slice(0, 200);
}

/**
 * Foreign error texts whose meaning is known: the peer could not read what we sent (libotr's English texts as
 * pidgin-otr words them, and arlolra's generic one). Any other text is only the peer's words, never a reason to
 * end anything: whoever can post as the peer (the server) can send it.
 */
const PEER_CANNOT_READ = [
  /^You sent encrypted data to .{0,100}, who wasn't expecting it\.$/,
  /^You transmitted an unreadable encrypted message\.$/,
  /^You transmitted a malformed data message\.$/,
  /^An OTR error has occurred\.$/,
];

/** True when an error's words (see errorDetail) say the peer cannot read our encrypted messages. */
export function meansPeerCannotRead(words: string): boolean {
  return PEER_CANNOT_READ.some((pattern) => pattern.test(words));
}
