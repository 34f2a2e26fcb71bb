// Pure recognisers for OTR wire text, so the chat layer can keep it away from the screen,
// and the fragment size that keeps every fragment under the server's message size limit.

/** `?OTRv23?`, `?OTRv3?`, `?OTR?` (v1), possibly followed by the human-readable text libotr adds. */
const QUERY = /^\?OTR(\?(v[0-9]*\?)?|v[0-9]*\?)/;
/** Base64 body of an AKE or data message, ended by a dot. */
const ENCODED = /^\?OTR:[A-Za-z0-9+/=]+\.?/;
/** v3 fragment: `?OTR|sender|receiver,k,n,piece,` — v2: `?OTR,k,n,piece,`. */
const FRAGMENT_V3 = /^\?OTR\|[0-9a-fA-F]{1,8}\|[0-9a-fA-F]{1,8},\d{1,5},\d{1,5},[^,]*,/;
const FRAGMENT_V2 = /^\?OTR,\d{1,5},\d{1,5},[^,]*,/;
const ERROR = /^\?OTR Error:/;

/** True for anything that belongs to the OTR protocol rather than to a person. */
export function isOtrWire(text: string): boolean {
  const t = text.trimStart();
  return isQuery(t) || ENCODED.test(t) || isFragment(t) || ERROR.test(t);
}

export function isQuery(text: string): boolean {
  return QUERY.test(text.trimStart());
}

export function isError(text: string): boolean {
  return ERROR.test(text.trimStart());
}

export function isFragment(text: string): boolean {
  const t = text.trimStart();
  return FRAGMENT_V3.test(t) || FRAGMENT_V2.test(t);
}

/** An encoded (unfragmented) message: AKE or data. Fragments of one are not, until reassembled. */
export function isEncoded(text: string): boolean {
  return ENCODED.test(text.trimStart());
}

/** libotr's whitespace tag: a base of 16 spaces and tabs, then one 8-character tag per OTR version offered. */
const TAG_BASE = ' \t  \t\t\t\t \t \t \t  ';
const VERSION_TAGS = [' \t \t  \t ', '  \t\t  \t ', '  \t\t  \t\t'];

/**
 * Removes the whitespace tag a libotr client (policy "opportunistic", Pidgin's default) puts into plain
 * messages to advertise OTR, as libotr itself does: the first base tag and the version tags right after it.
 * The tag is only ever removed: it starts nothing (a private chat needs the user's consent).
 */
export function stripWhitespaceTag(text: string): string {
  const start = text.indexOf(TAG_BASE);
  if (start < 0) return text;
  let end = start + TAG_BASE.length;
  while (VERSION_TAGS.includes(text.slice(end, end + 8))) end += 8;
  return text.slice(0, start) + text.slice(end);
}

/**
 * True for a v2/v3 data message (type 0x03) — the kind that carries a private message.
 * The first base64 quartet encodes version (2 bytes) and type (1 byte).
 */
export function isDataMessage(text: string): boolean {
  const t = text.trimStart();
  if (!ENCODED.test(t)) return false;
  const head = Buffer.from(t.slice(5, 9), 'base64');
  return head.length === 3 && head[0] === 0 && (head[1] === 2 || head[1] === 3) && head[2] === 3;
}

/**
 * Longest v3 fragment header: `?OTR|` + two 8-digit instance tags + `|` + `,k,n,` with k, n ≤ 65535
 * + the trailing `,`. The library puts this header on top of `fragment_size` payload characters.
 */
export const FRAGMENT_HEADER_MAX = '?OTR|'.length + 8 + 1 + 8 + ',65535,65535,'.length + ','.length;

/**
 * The `fragment_size` (payload characters per fragment) that keeps each whole fragment within
 * `maxMessageSize` characters. 0 (never fragment) when the server sets no limit.
 */
export function fragmentSizeFor(maxMessageSize: number): number {
  if (!Number.isFinite(maxMessageSize) || maxMessageSize <= 0) return 0;
  const size = Math.floor(maxMessageSize) - FRAGMENT_HEADER_MAX;
  if (size < 1) throw new Error(`A message size limit of ${maxMessageSize} leaves no room for OTR fragments`);
  return size;
}
