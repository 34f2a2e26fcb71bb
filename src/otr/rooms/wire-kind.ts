// What a DM message is to the consent flow: plain text, a query, an OTR error (ours or foreign), or an
// encoded OTR message / fragment with the type of what it carries (D-H Commit, other AKE, data).
import { errorDetail, recogniseOurText, type OurErrorText } from '../flow/conventions.js';
import type { PeerWireKind } from '../flow/types.js';
import { isEncoded, isError, isFragment, isOtrWire, isQuery } from '../wire.js';

export type WireClass =
  | { kind: 'plain' }
  | { kind: 'query' }
  | { kind: 'error'; ours: OurErrorText | null; detail: string }
  | { kind: 'encoded'; carries: PeerWireKind }
  /** `carries` is known from the first fragment only (its piece starts the encoded message). */
  | { kind: 'fragment'; index: number; total: number; carries: PeerWireKind | null };

/** Message type byte (after the 2-byte version) → flow kind. Unknown types count as handshake noise. */
function kindOfType(type: number): PeerWireKind {
  if (type === 0x02) return 'dh-commit';
  if (type === 0x03) return 'data';
  return 'ake';
}

/** Reads the type of an encoded message from its first base64 quartet (version: 2 bytes, type: 1 byte). */
function carriedKind(encoded: string): PeerWireKind | null {
  const quartet = encoded.slice('?OTR:'.length, '?OTR:'.length + 4);
  if (!/^[A-Za-z0-9+/]{4}$/.test(quartet)) return null;
  const head = atob(quartet);
  return kindOfType(head.charCodeAt(2));
}

const FRAGMENT_POSITION = /^\?OTR(?:\|[0-9a-fA-F]{1,8}\|[0-9a-fA-F]{1,8})?,(\d{1,5}),(\d{1,5}),([^,]*),/;

export function classifyWire(text: string): WireClass {
  if (!isOtrWire(text)) return { kind: 'plain' };
  const t = text.trimStart();
  if (isQuery(t)) return { kind: 'query' };
  if (isError(t)) return { kind: 'error', ours: recogniseOurText(t), detail: errorDetail(t) };
  if (isFragment(t)) {
    const match = FRAGMENT_POSITION.exec(t);
    const index = Number(match?.[1] ?? 0);
    const total = Number(match?.[2] ?? 0);
    const piece = match?.[3] ?? '';
    return { kind: 'fragment', index, total, carries: index === 1 && isEncodedStart(piece) ? carriedKind(piece) : null };
  }
  if (isEncoded(t)) return { kind: 'encoded', carries: carriedKind(t) ?? 'ake' };
  return { kind: 'plain' };
}

function isEncodedStart(piece: string): boolean {
  return piece.startsWith('?OTR:') && piece.length >= '?OTR:'.length + 4;
}
