// What native room sessions need from the Rocket.Chat side and tell the chat service. Key material stays behind.
import type { ErrorInfo, MessageStatus, NoticeCode, OtrRoomView } from '../../contract/model.js';
import type { NativeSignalType } from './signals.js';

/** A `t: 'otr'` message as the room stream relays it (7.x), possibly the re-emitted copy carrying `otrAck`. */
export interface RelayedOtrMessage {
  _id: string;
  rid: string;
  msg: string;
  ts: number;
  u: { _id: string; username: string; name: string };
  otrAck?: string;
}

export interface NativeTransport {
  /** `stream-notify-user` `<peerId>/otr` [type, payload]. */
  signal(peerId: string, type: NativeSignalType, payload: Record<string, unknown>): Promise<void>;
  /** `sendMessage` `{_id, rid, msg, t: 'otr'}`; the client refuses it on a server that would store it. */
  sendCipher(roomId: string, id: string, wire: string): Promise<void>;
  /** `updateOTRAck` with the relayed message (its `ts` the sender's decrypted time) and our encrypted ack. */
  ack(message: Omit<RelayedOtrMessage, 'otrAck'>, ack: string): Promise<void>;
  /** `POST /v1/chat.otr`, so the official peer's timeline shows what happened. */
  systemMessage(roomId: string, kind: 'user_joined_otr' | 'user_requested_otr_key_refresh' | 'user_key_refreshed_successfully'): Promise<void>;
  /** `deleteOldOTRMessages`, as the official apps do on every key change. */
  deleteOld(roomId: string): Promise<void>;
}

export interface NativeListener {
  view(view: OtrRoomView): void;
  privateMessage(roomId: string, message: { id: string; text: string; ts: number }): void;
  outgoingStatus(roomId: string, localId: string, status: MessageStatus, error?: ErrorInfo): void;
  notice(roomId: string, notice: NoticeCode): void;
  /** Both sides are OTR Desk: the room continues in OTR v3. */
  handOver(roomId: string, role: 'acceptor' | 'initiator'): void;
}
