import { describe, expect, it } from 'vitest';

import { initialNativeState, NATIVE_TIMEOUT_MS, nativeTransition, type NativeEvent, type NativeState } from '../../src/otr/native/machine.js';

const KEY = '{"kty":"EC"}';
const run = (state: NativeState, ...events: NativeEvent[]) => {
  let t = { state, effects: [] as unknown[], handled: true };
  for (const e of events) t = nativeTransition(t.state, e);
  return t;
};
const types = (effects: unknown[]) => (effects as { type: string }[]).map((e) => e.type);

describe('native OTR consent flow', () => {
  it('official peer starts: the Yes/No dialog with the official 10 s limit; Yes answers with our key and is private', () => {
    const asked = run(initialNativeState, { type: 'peerHandshake', publicKey: KEY, refresh: false, otrDesk: false, now: 1000 });
    expect(asked.state).toMatchObject({ phase: 'incoming', expiresAt: 1000 + NATIVE_TIMEOUT_MS, otrDesk: false });
    const yes = nativeTransition(asked.state, { type: 'accept', now: 2000 });
    expect(yes.state.phase).toBe('private');
    expect(types(yes.effects)).toEqual(['newKeys', 'derive', 'sendAcknowledge', 'notice']);
  });

  it('a Yes after the 10 s is too late; the dialog closes by itself without telling the peer', () => {
    const asked = run(initialNativeState, { type: 'peerHandshake', publicKey: KEY, refresh: false, otrDesk: false, now: 0 });
    expect(nativeTransition(asked.state, { type: 'accept', now: NATIVE_TIMEOUT_MS }).handled).toBe(false);
    const closed = nativeTransition(asked.state, { type: 'timer', now: NATIVE_TIMEOUT_MS });
    expect(closed.state.phase).toBe('idle');
    expect(types(closed.effects)).toEqual([]);
  });

  it('we start: accepted (ack) → private with the joined system message; declined; timed out after 10 s', () => {
    const asking = run(initialNativeState, { type: 'start', now: 0 });
    expect(asking.state).toMatchObject({ phase: 'requesting', expiresAt: NATIVE_TIMEOUT_MS });
    expect(asking.effects).toEqual([{ type: 'newKeys' }, { type: 'sendHandshake', refresh: false }]);
    const acked = nativeTransition(asking.state, { type: 'peerAcknowledge', publicKey: KEY, otrDesk: false });
    expect(acked.state.phase).toBe('private');
    expect(acked.effects).toContainEqual({ type: 'systemMessage', kind: 'user_joined_otr' });
    expect(nativeTransition(asking.state, { type: 'peerDeny' }).state.phase).toBe('declined');
    expect(nativeTransition(asking.state, { type: 'timer', now: NATIVE_TIMEOUT_MS - 1 }).handled).toBe(false);
    expect(nativeTransition(asking.state, { type: 'timer', now: NATIVE_TIMEOUT_MS }).state.phase).toBe('timed-out');
  });

  it('messages typed while asking wait and go out encrypted, in order, once private', () => {
    const asking = run(initialNativeState, { type: 'start', now: 0 },
      { type: 'send', message: { localId: 'a', text: '1' } }, { type: 'send', message: { localId: 'b', text: '2' } });
    const acked = nativeTransition(asking.state, { type: 'peerAcknowledge', publicKey: KEY, otrDesk: false });
    expect(acked.effects.filter((e) => e.type === 'encrypt').map((e) => (e as { message: { localId: string } }).message.localId)).toEqual(['a', 'b']);
    expect(nativeTransition(asking.state, { type: 'peerDeny' }).effects).toContainEqual(expect.objectContaining({ type: 'failQueued', localIds: ['a', 'b'] }));
  });

  it('refresh both ways: ours asks again with refresh; the peer\'s is answered without asking', () => {
    const priv: NativeState = { phase: 'private', queue: [] };
    const ours = nativeTransition(priv, { type: 'refresh', now: 0 });
    expect(ours.state).toMatchObject({ phase: 'requesting', refresh: true });
    expect(ours.effects).toContainEqual({ type: 'sendHandshake', refresh: true });
    expect(nativeTransition(ours.state, { type: 'peerAcknowledge', publicKey: KEY, otrDesk: false }).effects).toContainEqual({ type: 'notice', code: 'otr-refreshed' });
    const theirs = nativeTransition(priv, { type: 'peerHandshake', publicKey: KEY, refresh: true, otrDesk: false, now: 0 });
    expect(theirs.state.phase).toBe('private');
    expect(types(theirs.effects)).toEqual(['dropKeys', 'newKeys', 'derive', 'sendAcknowledge', 'notice', 'systemMessage']);
  });

  it('end both ways: ours sends end; the peer\'s must be confirmed; stray ends change nothing', () => {
    const priv: NativeState = { phase: 'private', queue: [] };
    expect(nativeTransition(priv, { type: 'end' }).effects).toContainEqual({ type: 'sendEnd' });
    const ended = nativeTransition(priv, { type: 'peerEnd' });
    expect(ended.state.phase).toBe('ended-by-peer');
    expect(nativeTransition(ended.state, { type: 'confirmEnded' }).state.phase).toBe('idle');
    expect(nativeTransition(initialNativeState, { type: 'peerEnd' }).handled).toBe(false);
  });

  it('peer offline (a reload) or an undecryptable message: session lost, we tell the peer it ended', () => {
    for (const type of ['peerOffline', 'undecryptable'] as const) {
      const lost = nativeTransition({ phase: 'private', queue: [] }, { type });
      expect(lost.state).toMatchObject({ phase: 'error', error: { code: 'otr-peer-unreadable' } });
      expect(types(lost.effects)).toEqual(['sendEnd', 'dropKeys', 'failUnacked', 'notice']);
    }
  });

  it('OTR Desk on both sides: the marked request hands the room over to OTR v3 on either side', () => {
    const asked = run(initialNativeState, { type: 'peerHandshake', publicKey: KEY, refresh: false, otrDesk: true, now: 0 });
    const yes = nativeTransition(asked.state, { type: 'accept', now: 1 });
    expect(yes.state.phase).toBe('idle');
    expect(yes.effects).toEqual([{ type: 'sendAcknowledge', otrDesk: true }, { type: 'handOver', role: 'acceptor' }]);
    const asking = run(initialNativeState, { type: 'start', now: 0 });
    expect(nativeTransition(asking.state, { type: 'peerAcknowledge', publicKey: KEY, otrDesk: true }).effects)
      .toEqual([{ type: 'dropKeys' }, { type: 'handOver', role: 'initiator' }]);
  });
});
