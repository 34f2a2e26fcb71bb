import type { OtrRelayRecord, StreamWriteRecord } from './services/traffic-log.js';
import type { SubscriptionHold } from './streams/sub-holds.js';

/** Ways to make the server misbehave on purpose, for reconnect and robustness tests. */
export interface Faults {
  /** Terminates every WebSocket abruptly (no close frame). */
  dropAllSockets(): void;
  /** Stops answering: incoming frames and REST requests wait, outgoing frames are held. */
  pause(): void;
  /** Delivers everything held during the pause, in order, and answers again. */
  resume(): void;
  /** Closes all sockets and the listener, reloads the data file if there is one, listens again on the same port. */
  restart(): Promise<void>;
  /** Delays every outgoing frame by `ms` (0 turns it off); order is kept. */
  delayFrames(ms: number): void;
  /** Sends a frame that is not JSON to every open socket. */
  injectMalformedFrame(): void;
  /** From now on answers the method as a server that lacks it does (404 "Method '<name>' not found"). */
  withoutMethod(name: string): void;
  /**
   * Starts no subscription of this stream event (`ready`, events) until released, as a loaded server that is slow
   * to run the publication: what the stream carries meanwhile is not sent to that client.
   */
  holdSubscription(stream: string, eventName: string): SubscriptionHold;
}

export interface RecordedMessage {
  _id: string;
  rid: string;
  msg: string;
  u: { _id: string; username: string };
  ts: Date;
}

export interface Records {
  /** Every message the server ever stored, in order (to prove what the server saw). */
  messages(): RecordedMessage[];
  /** Every stream write a client attempted (stream, event name, first argument), accepted or refused. */
  streamWrites(): StreamWriteRecord[];
  /** Every `t: 'otr'` message relayed without being stored (7.x only). */
  otrRelays(): OtrRelayRecord[];
}
