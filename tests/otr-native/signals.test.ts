import { describe, expect, it } from 'vitest';

import { signalPayload, validateSignal, type SignalContext } from '../../src/otr/native/signals.js';

const ctx: SignalContext = {
  ownId: 'bob',
  peerOf: (roomId) => ({ 'alice-bob': 'alice', 'bob-carol': 'carol' } as Record<string, string>)[roomId],
};
const KEY = '{"kty":"EC","crv":"P-256","x":"x","y":"y"}';

describe('native OTR signal validation', () => {
  it('accepts the official apps\' handshake, with or without refresh, and sees our mark', () => {
    expect(validateSignal(['handshake', { roomId: 'alice-bob', userId: 'alice', publicKey: KEY }], ctx)).toEqual({
      ok: true, signal: { type: 'handshake', roomId: 'alice-bob', userId: 'alice', publicKey: KEY, refresh: false, otrDesk: false },
    });
    const marked = validateSignal(['handshake', { roomId: 'alice-bob', userId: 'alice', publicKey: KEY, refresh: true, otrDesk: 'v3' }], ctx);
    expect(marked).toMatchObject({ ok: true, signal: { refresh: true, otrDesk: true } });
    expect(validateSignal(['end', { roomId: 'alice-bob', userId: 'alice' }], ctx)).toEqual({
      ok: true, signal: { type: 'end', roomId: 'alice-bob', userId: 'alice' },
    });
  });

  it('refuses a spoofed userId (another real user) and a roomId that is not our DM with the sender', () => {
    expect(validateSignal(['end', { roomId: 'alice-bob', userId: 'carol' }], ctx)).toEqual({ ok: false, reason: 'wrong-sender' });
    expect(validateSignal(['handshake', { roomId: 'bob-carol', userId: 'alice', publicKey: KEY }], ctx)).toEqual({ ok: false, reason: 'wrong-sender' });
    expect(validateSignal(['deny', { roomId: 'GENERAL', userId: 'alice' }], ctx)).toEqual({ ok: false, reason: 'unknown-room' });
    expect(validateSignal(['end', { roomId: 'alice-bob', userId: 'bob' }], ctx)).toEqual({ ok: false, reason: 'own-echo' });
  });

  it('refuses malformed events', () => {
    const bad: unknown[][] = [
      [], ['handshake'], ['hello', { roomId: 'alice-bob', userId: 'alice' }], ['end', 'text'], ['end', [1]],
      ['end', { roomId: 1, userId: 'alice' }], ['handshake', { roomId: 'alice-bob', userId: 'alice' }],
      ['acknowledge', { roomId: 'alice-bob', userId: 'alice', publicKey: {} }],
      ['handshake', { roomId: 'alice-bob', userId: 'alice', publicKey: KEY, refresh: 'yes' }],
      ['handshake', { roomId: 'alice-bob', userId: 'alice', publicKey: 'k'.repeat(5000) }],
    ];
    for (const args of bad) expect(validateSignal(args, ctx)).toEqual({ ok: false, reason: 'malformed' });
  });

  it('writes the official member names, refresh only when set, our mark only when offered', () => {
    expect(signalPayload({ type: 'handshake', roomId: 'r', userId: 'u', publicKey: KEY, refresh: false, otrDesk: false }))
      .toEqual({ roomId: 'r', userId: 'u', publicKey: KEY });
    expect(signalPayload({ type: 'handshake', roomId: 'r', userId: 'u', publicKey: KEY, refresh: true, otrDesk: true }))
      .toEqual({ roomId: 'r', userId: 'u', publicKey: KEY, refresh: true, otrDesk: 'v3' });
    expect(signalPayload({ type: 'deny', roomId: 'r', userId: 'u' })).toEqual({ roomId: 'r', userId: 'u' });
  });
});
