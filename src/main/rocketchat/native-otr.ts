// The wire of Rocket.Chat's own OTR (7.x): signals on `stream-notify-user` `<peerId>/otr`, ciphertext as
// `t: 'otr'` messages the server relays without storing, `updateOTRAck`, `deleteOldOTRMessages`, `/v1/chat.otr`.
// Every outgoing call first checks that the server still has the feature: an 8.x server would store a `t: 'otr'`
// message for ever and refuses the signals, so nothing native is ever sent to it.
import { restAuthHeaders } from './auth.js';
import { z } from 'zod';

import type { NativeTransport, RelayedOtrMessage } from '../../otr/native/ports.js';
import { serverHasNativeOtr, type ServerOtrSupport } from '../../otr/native/protocol-choice.js';
import type { NativeSignalType } from '../../otr/native/signals.js';
import type { Account } from './account.js';
import type { Emitter } from './emitter.js';
import { rcError } from './errors.js';

export interface NativeOtrChannel extends NativeTransport {
  /** What the server says about its OTR: version and `OTR_Enable` (null until read, and on 8.x). */
  support(): ServerOtrSupport;
  /** `<myId>/otr` events, raw: the OTR side validates them against its DMs. */
  onSignal(listener: (args: unknown[]) => void): () => void;
  onMessage(listener: (message: RelayedOtrMessage) => void): () => void;
}

/** A relayed `t: 'otr'` message (or its re-emitted copy with `otrAck`) on `stream-room-messages`. */
export const RelayedOtrRecord = z.object({
  _id: z.string().min(1).max(256),
  rid: z.string().min(1).max(256),
  msg: z.string().max(1_000_000),
  t: z.literal('otr'),
  ts: z.date(),
  u: z.object({ _id: z.string().min(1), username: z.string(), name: z.string().optional() }).loose(),
  otrAck: z.string().max(100_000).optional(),
}).loose();

export function toRelayed(record: z.infer<typeof RelayedOtrRecord>): RelayedOtrMessage {
  const { _id, rid, msg, ts, u, otrAck } = record;
  return {
    _id, rid, msg, ts: ts.getTime(), u: { _id: u._id, username: u.username, name: u.name ?? u.username },
    ...(otrAck === undefined ? {} : { otrAck }),
  };
}

export interface NativeOtrEmitters {
  signals: Emitter<[unknown[]]>;
  messages: Emitter<[RelayedOtrMessage]>;
}

export function createNativeOtrChannel(
  account: () => Account | undefined,
  emitters: NativeOtrEmitters,
  fetchImpl: typeof fetch,
  timeoutMs: number,
): NativeOtrChannel {
  const support = (): ServerOtrSupport => {
    const current = account();
    return { version: current?.identity.serverVersion ?? null, otrEnable: current?.otrEnable ?? null };
  };
  /** The account, only while its server relays native OTR without storing it. */
  const usable = (): Account => {
    const current = account();
    if (!current) throw rcError('not-signed-in');
    if (!serverHasNativeOtr(support())) throw rcError('not-allowed', "This server does not have Rocket.Chat's own OTR.");
    return current;
  };
  return {
    support,
    onSignal: (listener) => emitters.signals.on(listener),
    onMessage: (listener) => emitters.messages.on(listener),

    async signal(peerId: string, type: NativeSignalType, payload: Record<string, unknown>) {
      const current = account();
      if (!current) throw rcError('not-signed-in');
      // 7.x lets deny/end through even with OTR_Enable off; 8.x refuses every write, so nothing goes there.
      const version = support().version;
      const before8 = serverHasNativeOtr({ version, otrEnable: true });
      if (!before8 || ((type === 'handshake' || type === 'acknowledge') && !serverHasNativeOtr(support()))) {
        throw rcError('not-allowed', "This server does not have Rocket.Chat's own OTR.");
      }
      await current.call('stream-notify-user', [`${peerId}/otr`, type, payload]);
    },

    async sendCipher(roomId, id, wire) {
      await usable().call('sendMessage', [{ _id: id, rid: roomId, msg: wire, t: 'otr' }]);
    },

    async ack(message, ack) {
      const { _id, rid, msg, ts, u } = message;
      // The server's check is strict: exactly these keys, `ts` a date.
      await usable().call('updateOTRAck', [{ message: { _id, rid, msg, t: 'otr', ts: new Date(ts), u: { _id: u._id, username: u.username, name: u.name } }, ack }]);
    },

    async deleteOld(roomId) {
      await usable().call('deleteOldOTRMessages', [roomId]);
    },

    async systemMessage(roomId, kind) {
      const { identity } = usable();
      const response = await fetchImpl(`${identity.serverUrl}/api/v1/chat.otr`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...restAuthHeaders(identity) },
        body: JSON.stringify({ roomId, type: kind }),
        signal: AbortSignal.timeout(timeoutMs),
      });
      if (!response.ok) throw rcError('not-allowed', 'The server did not record the OTR system message.');
    },
  };
}
