// Test-side decoding of OTR v3 binary messages (spec "Data types"), independent of the library.
export interface Reader {
  bytes(n: number): Buffer;
  int(): number;
  data(): Buffer;
  rest(): Buffer;
}

export function reader(buf: Buffer): Reader {
  let at = 0;
  const take = (n: number): Buffer => {
    if (at + n > buf.length) throw new Error('Truncated OTR message');
    const out = buf.subarray(at, at + n);
    at += n;
    return out;
  };
  return {
    bytes: take,
    int: () => take(4).readUInt32BE(0),
    data: () => take(take(4).readUInt32BE(0)),
    rest: () => take(buf.length - at),
  };
}

/** `?OTR:<base64>.` → version, type, and a reader positioned after the two instance tags. */
export function decodeEncoded(wire: string): { version: number; type: number; body: Reader } {
  const match = /^\?OTR:([A-Za-z0-9+/=]+)\./.exec(wire);
  if (match === null) throw new Error('Not an encoded OTR message');
  const r = reader(Buffer.from(match[1]!, 'base64'));
  const version = r.bytes(2).readUInt16BE(0);
  const type = r.bytes(1)[0]!;
  if (version === 3) r.bytes(8);
  return { version, type, body: r };
}

/** The AES-CTR part of a data message: top half of the counter and the encrypted payload. */
export function dataPayload(wire: string): { ctr: Buffer; encrypted: Buffer } {
  const { type, body } = decodeEncoded(wire);
  if (type !== 0x03) throw new Error('Not a data message');
  body.bytes(1); // flags
  body.int(); // sender key id
  body.int(); // recipient key id
  body.data(); // next DH public key (MPI)
  const ctr = Buffer.from(body.bytes(8));
  return { ctr, encrypted: Buffer.from(body.data()) };
}
