/** A stream write a client attempted, accepted or not (the first argument only: never a payload). */
export interface StreamWriteRecord {
  stream: string;
  eventName: string;
  /** `args[0]` when it is a string, e.g. 'handshake' on `<uid>/otr`. */
  type: string | undefined;
  accepted: boolean;
}

/** A `t: 'otr'` message the server relayed without storing it (7.x). */
export interface OtrRelayRecord {
  _id: string | undefined;
  rid: string;
  uid: string;
}

/**
 * What passed through the server without being stored, so tests can prove what a client sent (e.g. that nothing of
 * Rocket.Chat's own OTR ever reached an 8.x server). In memory only; it survives restarts of the listener.
 */
export class TrafficLog {
  readonly streamWrites: StreamWriteRecord[] = [];
  readonly otrRelays: OtrRelayRecord[] = [];
}
