// A stand-in for the official Rocket.Chat 7.x web client's OTR, built from the protocol reference (§1): its room
// states, its 10 s limits, WebCrypto key handling, its message, ack and signal formats and its presence rule. It
// drives one side of a DM over DDP, so OTR Desk can be tested against "a colleague on the official app".
// Its crypto is written here from the reference on purpose, not borrowed from src/otr/native.
import { webcrypto } from 'node:crypto';

import { loggedIn, type Frame } from '../server/ddp-client.js';

type Client = Awaited<ReturnType<typeof loggedIn>>;
type CryptoKey = webcrypto.CryptoKey;
const { subtle } = webcrypto;

export type OfficialState = 'NOT_STARTED' | 'ESTABLISHING' | 'REQUESTED' | 'ESTABLISHED' | 'DECLINED' | 'TIMEOUT' | 'ERROR';

/** What the official client shows: decrypted messages, modals, toasts. */
export interface OfficialLog {
  received: { _id: string; text: string; ts: Date }[];
  /** Our own message ids relabelled `otr-ack` (shown as delivered). */
  delivered: string[];
  modals: string[];
  errors: string[];
}

const ECDH = { name: 'ECDH', namedCurve: 'P-256' } as const;
const TIMEOUT_MS = 10_000;
const ID_CHARS = '23456789ABCDEFGHJKLMNPQRSTWXYZabcdefghijkmnopqrstuvwxyz';
const randomId = (n = 17) => Array.from(webcrypto.getRandomValues(new Uint8Array(n)), (b) => ID_CHARS[b % ID_CHARS.length]).join('');

export class OfficialPeer {
  state: OfficialState = 'NOT_STARTED';
  readonly log: OfficialLog = { received: [], delivered: [], modals: [], errors: [] };
  /** What the user answers to the accept modal: 'yes', 'no' or 'ignore' (the modal's 10 s run out). */
  answer: 'yes' | 'no' | 'ignore' = 'yes';
  private keyPair: webcrypto.CryptoKeyPair | null = null;
  private sessionKey: CryptoKey | null = null;
  private peerPublicKey: string | null = null;
  private isFirstOTR = true;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly sentAcks = new Map<string, string>();
  private token = '';

  private constructor(private client: Client, private readonly url: string, private readonly username: string,
    readonly roomId: string, readonly peerId: string) {}

  static async connect(url: string, username: string, roomId: string, peerId: string): Promise<OfficialPeer> {
    const peer = new OfficialPeer(await loggedIn(url, username), url, username, roomId, peerId);
    await peer.listen();
    return peer;
  }

  get uid(): string {
    return this.client.uid;
  }

  /** The "Start OTR" button. */
  async start(): Promise<void> {
    await this.handshake(false);
  }

  /** "Refresh keys" (while ESTABLISHED). */
  async refresh(): Promise<void> {
    this.reset();
    await this.handshake(true);
    await this.systemMessage('user_requested_otr_key_refresh');
  }

  /** "End OTR": unilateral, nothing is asked. */
  async end(): Promise<void> {
    this.isFirstOTR = true;
    this.reset();
    this.state = 'NOT_STARTED';
    await this.notify('end', { roomId: this.roomId, userId: this.uid });
  }

  /** Writes a message while ESTABLISHED (otherwise the official client sends plain text). */
  async send(text: string): Promise<string> {
    const _id = randomId();
    if (this.state !== 'ESTABLISHED' || !this.sessionKey) {
      await this.client.ok('sendMessage', { _id, rid: this.roomId, msg: text });
      return _id;
    }
    const ack = randomId(20);
    this.sentAcks.set(_id, ack);
    const msg = await this.encrypt(JSON.stringify({ _id, text, userId: this.uid, ack, ts: { $date: Date.now() } }));
    await this.client.ok('sendMessage', { _id, rid: this.roomId, msg, t: 'otr' });
    return _id;
  }

  /** A page reload: the socket goes (so does presence), and with it every key. */
  async reload(): Promise<void> {
    this.client.close();
    await this.client.closed;
    this.keyPair = null;
    this.sessionKey = null;
    this.state = 'NOT_STARTED';
    this.isFirstOTR = true;
    clearTimeout(this.timer);
    this.client = await loggedIn(this.url, this.username);
    await this.listen();
  }

  close(): void {
    clearTimeout(this.timer);
    this.client.close();
  }

  private async listen(): Promise<void> {
    // The REST token for /v1/chat.otr (the official client has its own login token).
    this.token = (await this.client.login(this.username, 'demo')).token;
    this.client.onFrame((frame) => void this.onFrame(frame).catch((err: unknown) => this.log.errors.push(String(err))));
    await this.client.stream('stream-notify-user', `${this.uid}/otr`);
    await this.client.stream('stream-room-messages', this.roomId);
    await this.client.stream('stream-notify-logged', 'user-status');
  }

  private async onFrame(frame: Frame): Promise<void> {
    if (frame.msg !== 'changed') return;
    const { eventName, args } = frame.fields as { eventName: string; args: unknown[] };
    if (frame.collection === 'stream-notify-user' && eventName === `${this.uid}/otr`) return this.onSignal(args[0] as string, args[1] as Record<string, unknown>);
    if (frame.collection === 'stream-room-messages' && eventName === this.roomId) return this.onMessage(args[0] as Record<string, unknown>);
    if (frame.collection === 'stream-notify-logged' && eventName === 'user-status') {
      const [[id, , status]] = args as [[string, string, number]];
      // 7.x: the peer going offline ends the session.
      if (id === this.peerId && status === 0 && this.state === 'ESTABLISHED') {
        await this.end();
        this.log.modals.push('OTR_Session_ended_other_user_went_offline');
      }
    }
  }

  private async onSignal(type: string, data: Record<string, unknown>): Promise<void> {
    if (!data.roomId || !data.userId || data.userId === this.uid || data.roomId !== this.roomId) return;
    switch (type) {
      case 'handshake':
        if (this.state === 'REQUESTED') return;
        if (data.refresh && this.state === 'ESTABLISHED') {
          this.reset();
          await this.establish(data.publicKey as string);
          await this.systemMessage('user_key_refreshed_successfully');
          return;
        }
        if (this.state === 'ESTABLISHED') this.reset();
        this.state = 'REQUESTED';
        this.peerPublicKey = data.publicKey as string;
        this.log.modals.push('Username_wants_to_start_otr_Do_you_want_to_accept');
        if (this.answer === 'yes') await this.establish(this.peerPublicKey);
        else if (this.answer === 'no') await this.deny();
        else this.timer = setTimeout(() => { this.state = 'TIMEOUT'; }, TIMEOUT_MS);
        return;
      case 'acknowledge':
        // Not state-checked in the official client: a late acknowledge still establishes.
        if (!this.keyPair) {
          this.state = 'ERROR';
          this.log.errors.push('No key pair');
          return;
        }
        clearTimeout(this.timer);
        this.sessionKey = await this.derive(data.publicKey as string);
        this.state = 'ESTABLISHED';
        if (this.isFirstOTR) await this.systemMessage('user_joined_otr');
        this.isFirstOTR = false;
        return;
      case 'deny':
        if (this.state === 'ESTABLISHING') {
          this.reset();
          this.state = 'DECLINED';
        }
        return;
      case 'end':
        if (this.state === 'ESTABLISHED') {
          this.reset();
          this.state = 'NOT_STARTED';
          this.log.modals.push('Username_ended_the_OTR_session');
        }
        return;
    }
  }

  private async onMessage(message: Record<string, unknown>): Promise<void> {
    if (message.t !== 'otr' || this.state !== 'ESTABLISHED' || !this.sessionKey) return;
    try {
      const plain = JSON.parse(await this.decrypt(message.msg as string)) as { _id: string; text: string; userId: string; ack: string; ts: { $date: number } };
      const u = message.u as { _id: string; username: string; name: string };
      if (message.otrAck !== undefined) {
        if (plain.userId === this.uid) {
          const acked = JSON.parse(await this.decrypt(message.otrAck as string)) as { text: string };
          if (acked.text === this.sentAcks.get(plain._id)) this.log.delivered.push(plain._id);
        }
        return;
      }
      if (plain.userId === this.uid) return;
      this.log.received.push({ _id: plain._id, text: plain.text, ts: new Date(plain.ts.$date) });
      const ack = await this.encrypt(JSON.stringify({ text: plain.ack, ack: randomId(20) }));
      const relayed = { _id: message._id, rid: message.rid, msg: message.msg, t: 'otr', ts: new Date(plain.ts.$date), u: { _id: u._id, username: u.username, name: u.name } };
      await this.client.ok('updateOTRAck', { message: relayed, ack });
    } catch {
      this.state = 'ERROR';
      this.log.errors.push('decrypt failed');
    }
  }

  private async handshake(refresh: boolean): Promise<void> {
    this.state = 'ESTABLISHING';
    await this.generateKeys();
    const publicKey = JSON.stringify(await subtle.exportKey('jwk', this.keyPair!.publicKey));
    await this.notify('handshake', { roomId: this.roomId, userId: this.uid, publicKey, ...(refresh ? { refresh: true } : {}) });
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      if (this.state === 'ESTABLISHING') this.state = 'TIMEOUT';
    }, TIMEOUT_MS);
  }

  private async establish(peerPublicKey: string): Promise<void> {
    clearTimeout(this.timer);
    this.state = 'ESTABLISHING';
    await this.generateKeys();
    this.sessionKey = await this.derive(peerPublicKey);
    this.state = 'ESTABLISHED';
    const publicKey = JSON.stringify(await subtle.exportKey('jwk', this.keyPair!.publicKey));
    await this.notify('acknowledge', { roomId: this.roomId, userId: this.uid, publicKey });
  }

  private async deny(): Promise<void> {
    this.reset();
    this.state = 'DECLINED';
    await this.notify('deny', { roomId: this.roomId, userId: this.uid });
  }

  private reset(): void {
    this.keyPair = null;
    this.sessionKey = null;
    void this.client.call('deleteOldOTRMessages', this.roomId);
  }

  private async generateKeys(): Promise<void> {
    // Chrome's WebCrypto exports the public JWK with `ext` and `key_ops`; the key pair itself is not extractable
    // in the official client, but Node needs the public half exported, which WebCrypto always allows.
    this.keyPair = await subtle.generateKey(ECDH, false, ['deriveKey', 'deriveBits']);
    void this.client.call('deleteOldOTRMessages', this.roomId);
  }

  private async derive(peerPublicKey: string): Promise<CryptoKey> {
    const jwk = JSON.parse(peerPublicKey) as webcrypto.JsonWebKey;
    const peerKey = await subtle.importKey('jwk', jwk, ECDH, false, []);
    const bits = await subtle.deriveBits({ name: 'ECDH', public: peerKey }, this.keyPair!.privateKey, 256);
    const digest = await subtle.digest('SHA-256', bits);
    return subtle.importKey('raw', digest.slice(0, 16), { name: 'AES-GCM' }, false, ['encrypt', 'decrypt']);
  }

  private async encrypt(text: string): Promise<string> {
    const iv = webcrypto.getRandomValues(new Uint8Array(12));
    const ct = await subtle.encrypt({ name: 'AES-GCM', iv }, this.sessionKey!, new TextEncoder().encode(text));
    return JSON.stringify({ $binary: Buffer.concat([Buffer.from(iv), Buffer.from(ct)]).toString('base64') });
  }

  private async decrypt(wire: string): Promise<string> {
    const bytes = Buffer.from((JSON.parse(wire) as { $binary: string }).$binary, 'base64');
    const plain = await subtle.decrypt({ name: 'AES-GCM', iv: bytes.subarray(0, 12) }, this.sessionKey!, bytes.subarray(12));
    return new TextDecoder().decode(plain);
  }

  private async notify(type: string, payload: Record<string, unknown>): Promise<void> {
    await this.client.ok('stream-notify-user', `${this.peerId}/otr`, type, payload);
  }

  private async systemMessage(type: string): Promise<void> {
    if (!this.token) return;
    await fetch(`${this.url}/api/v1/chat.otr`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-user-id': this.uid, 'x-auth-token': this.token },
      body: JSON.stringify({ roomId: this.roomId, type }),
    });
  }
}
