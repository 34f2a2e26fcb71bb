// The control events on `stream-notify-user` `<uid>/otr`. The server checks nothing about who wrote them, so every
// event is validated against the DM it names: `roomId` must be a DM we know and `userId` its other member.

export type NativeSignalType = 'handshake' | 'acknowledge' | 'deny' | 'end';

/** OTR Desk's mark inside a native handshake/acknowledge (a member the official apps ignore): "I also speak OTR v3". */
export const OTR_DESK_MARK = 'otrDesk';
export const OTR_DESK_MARK_VALUE = 'v3';

export type NativeSignal =
  | { type: 'handshake'; roomId: string; userId: string; publicKey: string; refresh: boolean; otrDesk: boolean }
  | { type: 'acknowledge'; roomId: string; userId: string; publicKey: string; otrDesk: boolean }
  | { type: 'deny'; roomId: string; userId: string }
  | { type: 'end'; roomId: string; userId: string };

export type SignalRejection = 'malformed' | 'unknown-room' | 'wrong-sender' | 'own-echo';

/** `peerOf(roomId)`: the other member when roomId is one of our two-person DMs, else undefined. */
export interface SignalContext {
  readonly ownId: string;
  peerOf(roomId: string): string | undefined;
}

const TYPES = new Set<string>(['handshake', 'acknowledge', 'deny', 'end']);
// A JWK text is ~120 characters; anything far beyond is not a key.
const MAX_KEY_TEXT = 1024;

export function validateSignal(args: readonly unknown[], ctx: SignalContext): { ok: true; signal: NativeSignal } | { ok: false; reason: SignalRejection } {
  const [type, payload] = args;
  if (typeof type !== 'string' || !TYPES.has(type)) return { ok: false, reason: 'malformed' };
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) return { ok: false, reason: 'malformed' };
  const p = payload as Record<string, unknown>;
  const { roomId, userId } = p;
  if (typeof roomId !== 'string' || typeof userId !== 'string') return { ok: false, reason: 'malformed' };
  if (userId === ctx.ownId) return { ok: false, reason: 'own-echo' };
  const peer = ctx.peerOf(roomId);
  if (peer === undefined) return { ok: false, reason: 'unknown-room' };
  if (peer !== userId) return { ok: false, reason: 'wrong-sender' };
  const otrDesk = p[OTR_DESK_MARK] === OTR_DESK_MARK_VALUE;
  switch (type) {
    case 'handshake':
    case 'acknowledge': {
      const { publicKey, refresh } = p;
      if (typeof publicKey !== 'string' || publicKey.length > MAX_KEY_TEXT) return { ok: false, reason: 'malformed' };
      if (refresh !== undefined && refresh !== null && typeof refresh !== 'boolean') return { ok: false, reason: 'malformed' };
      return type === 'handshake'
        ? { ok: true, signal: { type, roomId, userId, publicKey, refresh: refresh === true, otrDesk } }
        : { ok: true, signal: { type, roomId, userId, publicKey, otrDesk } };
    }
    default:
      return { ok: true, signal: { type: type as 'deny' | 'end', roomId, userId } };
  }
}

/** The payload we write to `<peerId>/otr` (the official apps' member names; our mark when we offer v3). */
export function signalPayload(signal: NativeSignal): Record<string, unknown> {
  const base = { roomId: signal.roomId, userId: signal.userId };
  switch (signal.type) {
    case 'handshake':
      return { ...base, publicKey: signal.publicKey, ...(signal.refresh ? { refresh: true } : {}),
        ...(signal.otrDesk ? { [OTR_DESK_MARK]: OTR_DESK_MARK_VALUE } : {}) };
    case 'acknowledge':
      return { ...base, publicKey: signal.publicKey, ...(signal.otrDesk ? { [OTR_DESK_MARK]: OTR_DESK_MARK_VALUE } : {}) };
    default:
      return base;
  }
}
