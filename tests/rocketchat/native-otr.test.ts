import { describe, expect, it, vi } from 'vitest';

import type { Account } from '../../src/main/rocketchat/account.js';
import { Emitter } from '../../src/main/rocketchat/emitter.js';
import { createNativeOtrChannel } from '../../src/main/rocketchat/native-otr.js';

const logger = { warn: () => undefined, error: () => undefined };

function channel(serverVersion: string, otrEnable: boolean | null) {
  const call = vi.fn(async () => undefined);
  const fetchImpl = vi.fn(async () => new Response('{"success":true}'));
  const account = { identity: { serverUrl: 'http://s', serverVersion, userId: 'me', token: 't', username: 'me' }, otrEnable, call } as unknown as Account;
  const c = createNativeOtrChannel(() => account, { signals: new Emitter(logger, 's'), messages: new Emitter(logger, 'm') }, fetchImpl as unknown as typeof fetch, 1000);
  return { c, call, fetchImpl };
}

async function everything(c: ReturnType<typeof channel>['c']) {
  const ts = Date.now();
  return Promise.allSettled([
    c.signal('peer', 'handshake', { roomId: 'r', userId: 'me', publicKey: 'k' }),
    c.signal('peer', 'end', { roomId: 'r', userId: 'me' }),
    c.sendCipher('r', 'id', '{"$binary":"AA=="}'),
    c.ack({ _id: 'id', rid: 'r', msg: 'x', ts, u: { _id: 'p', username: 'p', name: 'P' } }, 'a'),
    c.deleteOld('r'),
    c.systemMessage('r', 'user_joined_otr'),
  ]);
}

describe('native OTR channel: never anything native to a server that would store it', () => {
  it('sends nothing at all to an 8.x server, even with a stale OTR_Enable true', async () => {
    for (const [version, enable] of [['8.0.0', null], ['8.2.1', true]] as const) {
      const { c, call, fetchImpl } = channel(version, enable);
      const outcomes = await everything(c);
      expect(outcomes.every((o) => o.status === 'rejected')).toBe(true);
      expect(call).not.toHaveBeenCalled();
      expect(fetchImpl).not.toHaveBeenCalled();
    }
  });

  it('7.x with OTR_Enable off: only deny/end go out (7.x lets them through), no ciphertext', async () => {
    const { c, call } = channel('7.10.0', false);
    await everything(c);
    expect(call.mock.calls.map((args) => (args as unknown[])[0])).toEqual(['stream-notify-user']);
    expect(call.mock.calls[0]).toEqual(['stream-notify-user', ['peer/otr', 'end', { roomId: 'r', userId: 'me' }]]);
  });

  it('7.x with OTR on: t:otr message, updateOTRAck with exactly the checked keys and a Date ts', async () => {
    const { c, call, fetchImpl } = channel('7.10.0', true);
    const outcomes = await everything(c);
    expect(outcomes.every((o) => o.status === 'fulfilled')).toBe(true);
    expect(call).toHaveBeenCalledWith('sendMessage', [{ _id: 'id', rid: 'r', msg: '{"$binary":"AA=="}', t: 'otr' }]);
    const ack = call.mock.calls.find((args) => (args as unknown[])[0] === 'updateOTRAck') as unknown as [string, [{ message: Record<string, unknown> }]];
    expect(Object.keys(ack[1][0].message).sort()).toEqual(['_id', 'msg', 'rid', 't', 'ts', 'u']);
    expect(ack[1][0].message.ts).toBeInstanceOf(Date);
    expect(fetchImpl).toHaveBeenCalledOnce();
  });
});
