// Runs Rocket.Chat's own OTR for the DMs of one account: one pure consent machine per room (machine.ts), the
// ephemeral keys beside it (never in the state, never logged, gone on restart), signals on `<peerId>/otr` and
// ciphertext as relayed `t: 'otr'` messages. Only plaintext and views leave through the listener.
import type { OtrRoomView } from '../../contract/model.js';
import type { IncomingVerdict } from '../ports.js';
import { deriveSessionKey, generateKeyPair, type NativeKeyPair, type NativeSessionKey } from './codec.js';
import { initialNativeState, nativeTransition, type NativeEffect, type NativeEvent, type NativeState } from './machine.js';
import { decryptAck, decryptMessage, encryptAck, encryptMessage, randomToken } from './payload.js';
import type { NativeListener, NativeTransport, RelayedOtrMessage } from './ports.js';
import { signalPayload, validateSignal, type NativeSignal } from './signals.js';

interface NativeRoom {
  readonly id: string;
  readonly peerId: string;
  state: NativeState;
  pair: NativeKeyPair | null;
  key: NativeSessionKey | null;
  /** Our ack tokens → local message ids, until the peer acknowledges them. */
  readonly unacked: Map<string, string>;
  /** Effects run strictly in order (key generation and derivation are asynchronous). */
  chain: Promise<void>;
  /** Bumped by every drop, so a key pair still being made for a dropped request is thrown away when it arrives. */
  keyEpoch: number;
  timer: unknown;
  lastView: string;
}

export interface NativeSessionsDeps {
  me: { id: string; username: string };
  transport: NativeTransport;
  listener: NativeListener;
  now?: () => number;
}

export function nativeView(roomId: string, state: NativeState): OtrRoomView {
  const view: OtrRoomView = { roomId, phase: state.phase, queued: state.queue.length, protocol: 'rocketchat' };
  if (state.phase === 'requesting' || state.phase === 'incoming') return { ...view, expiresAt: state.expiresAt };
  if (state.phase === 'error') return { ...view, error: state.error };
  return view;
}

export class NativeSessions {
  private readonly rooms = new Map<string, NativeRoom>();
  private readonly now: () => number;
  private disposed = false;

  constructor(private readonly deps: NativeSessionsDeps) {
    this.now = deps.now ?? Date.now;
  }

  registerRoom(roomId: string, peerId: string): void {
    if (this.rooms.has(roomId) || peerId === this.deps.me.id) return;
    this.rooms.set(roomId, {
      id: roomId, peerId, state: initialNativeState, pair: null, key: null, unacked: new Map(), keyEpoch: 0,
      chain: Promise.resolve(), timer: null, lastView: JSON.stringify(nativeView(roomId, initialNativeState)),
    });
  }

  /** True while the room has a native session or request under way (its view is then the one shown). */
  active(roomId: string): boolean {
    const phase = this.rooms.get(roomId)?.state.phase;
    return phase !== undefined && phase !== 'idle';
  }

  view(roomId: string): OtrRoomView {
    return nativeView(roomId, this.rooms.get(roomId)?.state ?? initialNativeState);
  }

  /** A user intent or a peer event; false when it means nothing now. */
  dispatch(roomId: string, event: NativeEvent): boolean {
    const room = this.rooms.get(roomId);
    if (room === undefined || this.disposed) return false;
    const t = nativeTransition(room.state, event);
    if (!t.handled) return false;
    room.state = t.state;
    for (const effect of t.effects) this.perform(room, effect);
    this.syncTimer(room);
    const view = nativeView(room.id, room.state);
    const json = JSON.stringify(view);
    if (json !== room.lastView) {
      room.lastView = json;
      this.deps.listener.view(view);
    }
    return true;
  }

  /** An event from `<myId>/otr`, validated against our DMs before anything else looks at it. */
  signal(args: readonly unknown[]): { ok: true; signal: NativeSignal } | { ok: false } {
    const checked = validateSignal(args, {
      ownId: this.deps.me.id,
      peerOf: (roomId) => this.rooms.get(roomId)?.peerId,
    });
    if (!checked.ok) return { ok: false };
    return checked;
  }

  /** Feeds a validated signal to its room's machine. */
  applySignal(signal: NativeSignal): void {
    const now = this.now();
    switch (signal.type) {
      case 'handshake':
        this.dispatch(signal.roomId, { type: 'peerHandshake', publicKey: signal.publicKey, refresh: signal.refresh, otrDesk: signal.otrDesk, now });
        return;
      case 'acknowledge':
        this.dispatch(signal.roomId, { type: 'peerAcknowledge', publicKey: signal.publicKey, otrDesk: signal.otrDesk });
        return;
      case 'deny':
        this.dispatch(signal.roomId, { type: 'peerDeny' });
        return;
      case 'end':
        this.dispatch(signal.roomId, { type: 'peerEnd' });
    }
  }

  /** The peer's presence: the official apps end a session when the other side goes offline. */
  peerPresence(peerId: string, online: boolean): void {
    if (online) return;
    for (const room of this.rooms.values()) if (room.peerId === peerId) this.dispatch(room.id, { type: 'peerOffline' });
  }

  /**
   * A relayed `t: 'otr'` message. Its text never reaches the UI: it is decrypted here (plaintext through the
   * listener), or shown as "not readable".
   */
  incoming(message: RelayedOtrMessage): IncomingVerdict {
    const room = this.rooms.get(message.rid);
    if (room === undefined || this.disposed) return { kind: 'unreadable' };
    const fromMe = message.u._id === this.deps.me.id;
    if (!fromMe && message.u._id !== room.peerId) return { kind: 'unreadable' };
    if (room.state.phase !== 'private' && room.state.phase !== 'requesting') {
      // The peer still thinks we are private (we restarted): tell it the session is over, once per message.
      if (!fromMe && message.otrAck === undefined) this.signalBestEffort(room, { type: 'end', roomId: room.id, userId: this.deps.me.id });
      return fromMe ? { kind: 'hidden' } : { kind: 'unreadable' };
    }
    room.chain = room.chain.then(() => this.read(room, message, fromMe));
    return { kind: 'hidden' };
  }

  dispose(): void {
    this.disposed = true;
    for (const room of this.rooms.values()) {
      if (room.timer !== null) clearTimeout(room.timer as ReturnType<typeof setTimeout>);
      room.pair = null;
      room.key = null;
    }
    this.rooms.clear();
  }

  private async read(room: NativeRoom, message: RelayedOtrMessage, fromMe: boolean): Promise<void> {
    const key = room.key;
    if (key === null) return;
    try {
      if (fromMe) {
        // Our own echo; with `otrAck` it is the peer's delivery receipt for it.
        if (message.otrAck === undefined) return;
        const mine = await decryptMessage(key, message.msg);
        const acked = await decryptAck(key, message.otrAck);
        const localId = room.unacked.get(mine.ack);
        if (acked === mine.ack && localId !== undefined) {
          room.unacked.delete(mine.ack);
          this.deps.listener.outgoingStatus(room.id, localId, 'delivered');
        }
        return;
      }
      // The re-emitted copy of our own ack of the peer's message: nothing new.
      if (message.otrAck !== undefined) return;
      const plain = await decryptMessage(key, message.msg);
      if (plain.userId !== room.peerId) throw new Error('sender mismatch');
      this.deps.listener.privateMessage(room.id, { id: plain._id, text: plain.text, ts: plain.ts.getTime() });
      const ack = await encryptAck(key, plain.ack);
      const { _id, rid, msg, u } = message;
      await this.deps.transport.ack({ _id, rid, msg, u, ts: plain.ts.getTime() }, ack).catch(() => undefined);
    } catch {
      // Wrong key (the peer reloaded, or refreshed while this was in flight), tampered, or not from the peer.
      if (!fromMe) this.dispatch(room.id, { type: 'undecryptable' });
    }
  }

  private perform(room: NativeRoom, effect: NativeEffect): void {
    const { transport, listener, me } = this.deps;
    switch (effect.type) {
      case 'notice':
        return listener.notice(room.id, effect.code);
      case 'failQueued':
        effect.localIds.forEach((localId) => listener.outgoingStatus(room.id, localId, 'failed', effect.error));
        return;
      case 'failUnacked':
        for (const localId of room.unacked.values()) listener.outgoingStatus(room.id, localId, 'failed', effect.error);
        room.unacked.clear();
        return;
      case 'handOver':
        // After the marked acknowledge went out: the peer must know before our OTR v3 request reaches it.
        room.chain = room.chain.then(() => listener.handOver(room.id, effect.role));
        return;
      case 'dropKeys':
        room.keyEpoch += 1;
        room.pair = null;
        room.key = null;
        transport.deleteOld(room.id).catch(() => undefined);
        return;
      case 'sendDeny':
        return this.signalBestEffort(room, { type: 'deny', roomId: room.id, userId: me.id });
      case 'sendEnd':
        return this.signalBestEffort(room, { type: 'end', roomId: room.id, userId: me.id });
      case 'systemMessage':
        transport.systemMessage(room.id, effect.kind).catch(() => undefined);
        return;
      default: {
        // Keys asked for before a later drop must not outlive it: the effect remembers the epoch it belongs to.
        const epoch = room.keyEpoch;
        room.chain = room.chain.then(() => this.performAsync(room, effect, epoch)).catch(() => {
          this.dispatch(room.id, { type: 'undecryptable' });
        });
      }
    }
  }

  private async performAsync(room: NativeRoom, effect: NativeEffect, epoch: number): Promise<void> {
    const { transport, me } = this.deps;
    switch (effect.type) {
      case 'newKeys': {
        const pair = await generateKeyPair();
        if (room.keyEpoch !== epoch) return;
        room.pair = pair;
        transport.deleteOld(room.id).catch(() => undefined);
        return;
      }
      case 'derive': {
        if (room.pair === null) throw new Error('no key pair');
        const key = await deriveSessionKey(room.pair.privateKey, effect.peerKey);
        if (room.keyEpoch === epoch) room.key = key;
        return;
      }
      case 'sendHandshake':
      case 'sendAcknowledge': {
        if (room.pair === null && !(effect.type === 'sendAcknowledge' && effect.otrDesk)) throw new Error('no key pair');
        // OTR Desk announces itself (a member the official apps ignore); a handed-over ack needs no real key.
        const publicKey = room.pair?.publicKey ?? (await generateKeyPair()).publicKey;
        const signal: NativeSignal = effect.type === 'sendHandshake'
          ? { type: 'handshake', roomId: room.id, userId: me.id, publicKey, refresh: effect.refresh, otrDesk: true }
          : { type: 'acknowledge', roomId: room.id, userId: me.id, publicKey, otrDesk: effect.otrDesk };
        await transport.signal(room.peerId, signal.type, signalPayload(signal));
        return;
      }
      case 'encrypt': {
        const key = room.key;
        const { localId, text } = effect.message;
        if (key === null) {
          this.deps.listener.outgoingStatus(room.id, localId, 'failed', { code: 'otr-no-session' });
          return;
        }
        if (effect.queued) this.deps.listener.outgoingStatus(room.id, localId, 'pending');
        const id = randomToken();
        const ack = randomToken();
        const wire = await encryptMessage(key, { _id: id, text, userId: me.id, ack, ts: new Date(this.now()) });
        room.unacked.set(ack, localId);
        try {
          await transport.sendCipher(room.id, id, wire);
          this.deps.listener.outgoingStatus(room.id, localId, 'sent');
        } catch {
          room.unacked.delete(ack);
          this.deps.listener.outgoingStatus(room.id, localId, 'failed', { code: 'disconnected', detail: 'The message could not be delivered to the server.' });
        }
        return;
      }
      default:
        return;
    }
  }

  private signalBestEffort(room: NativeRoom, signal: NativeSignal): void {
    this.deps.transport.signal(room.peerId, signal.type, signalPayload(signal)).catch(() => undefined);
  }

  private syncTimer(room: NativeRoom): void {
    if (room.timer !== null) clearTimeout(room.timer as ReturnType<typeof setTimeout>);
    room.timer = null;
    const { state } = room;
    if (state.phase !== 'requesting' && state.phase !== 'incoming') return;
    room.timer = setTimeout(() => {
      room.timer = null;
      this.dispatch(room.id, { type: 'timer', now: this.now() });
    }, Math.max(0, state.expiresAt - this.now()));
  }
}
