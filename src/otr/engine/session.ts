// One OTR session = one fresh arlolra OTR object. It is never restarted: once it reports `ended`
// it only refuses traffic, and once it has been private it never runs a second AKE, because the
// library would rebuild the same AES-CTR keys with the counter back at zero (keystream reuse).
import otr, { type DsaKey, type OtrSession } from 'otr';
import type { EngineEvent } from '../ports.js';
import { normalizeFingerprint } from '../fingerprint.js';
import { isOtrWire } from '../wire.js';
import { explainLibraryError, Problems, type EngineProblem } from './errors.js';

const { OTR } = otr;
const C = OTR.CONST;

/** Encoded OTR or a fragment inside a text that did not start with it. */
const EMBEDDED_WIRE = /\?OTR[:|,]/;

/** What the peer sees when we cannot process its message: no detail, as with debug off. */
// libotr's prefix, space included: libotr strips exactly that and shows its user the sentence.
const PEER_ERROR_TEXT = '?OTR Error: An OTR error has occurred.';

export interface SessionKeys {
  key: DsaKey;
  /** 4-byte binary string, as the library wants it. */
  instanceTag: string;
}

type Input = 'none' | 'wire' | 'peer-error';

export class Session {
  private readonly otr: OtrSession;
  private secure = false;
  private ended = false;
  private closed = false;
  /** Whether a query went out or the peer started the AKE: later sends only queue. */
  private handshakeStarted = false;
  /** What receive() is feeding right now: the library reports synchronously while it parses. */
  private input: Input = 'none';
  private silenceSmpAbort = false;

  constructor(
    readonly id: string,
    keys: SessionKeys,
    fragmentSize: number,
    private readonly emit: (event: EngineEvent) => void,
  ) {
    this.otr = new OTR({ priv: keys.key, instance_tag: keys.instanceTag, fragment_size: fragmentSize, debug: false });
    // Real OTR v3 only: v2 has no instance tags, and refusing it rules out a downgrade.
    this.otr.ALLOW_V2 = false;
    this.otr.ALLOW_V3 = true;
    this.otr.REQUIRE_ENCRYPTION = true;
    this.otr.SEND_WHITESPACE_TAG = false;
    this.otr.WHITESPACE_START_AKE = false;
    this.otr.ERROR_START_AKE = false;
    // Keep the precise reason for ourselves and tell the peer nothing more than debug-off would.
    this.otr.error = (reason: string): void => {
      this.otr.io(PEER_ERROR_TEXT);
      this.otr.notify(reason);
    };
    this.listen();
  }

  receive(wire: string, meta: string | null): void {
    if (this.ended) return this.report(Problems.afterEnd);
    // The library looks for `?OTR` anywhere in the text, so an error report counts wherever it sits.
    this.input = wire.includes('?OTR Error:') ? 'peer-error' : isOtrWire(wire) ? 'wire' : 'none';
    if (this.input === 'wire') this.handshakeStarted = true;
    try {
      this.otr.receiveMsg(wire, meta);
    } catch {
      // The library throws on some malformed input before it changes any state.
      this.report(Problems.malformed);
    } finally {
      this.input = 'none';
    }
  }

  send(plaintext: string, meta: string | null): void {
    if (this.ended) return this.report(Problems.sendAfterEnd);
    this.guard(() => {
      if (this.secure || !this.handshakeStarted) {
        // Private: encrypts. Not yet: REQUIRE_ENCRYPTION stores it and sends one query.
        this.handshakeStarted = true;
        this.otr.sendMsg(plaintext, meta);
      } else {
        // Handshake under way: another query would restart the AKE, so only queue (as the library stores it).
        this.otr.storedMgs.push({ msg: Buffer.from(plaintext, 'utf8').toString('latin1'), meta });
      }
    });
  }

  end(): void {
    if (this.ended) return;
    this.guard(() => this.otr.endOtr());
  }

  smpStart(secret: string, question: string | undefined): void {
    if (!this.canVerify()) return;
    this.guard(() => {
      this.silenceSmpAbort = true;
      try {
        // A pending question from the peer would make the library answer it instead of asking ours.
        if (this.otr.sm?.smpstate === C.SMPSTATE_EXPECT0) this.otr.sm.abort();
        this.otr.smpSecret(secret, question);
      } finally {
        this.silenceSmpAbort = false;
      }
    });
  }

  smpAnswer(secret: string): void {
    if (!this.canVerify()) return;
    if (this.otr.sm?.smpstate !== C.SMPSTATE_EXPECT0) return this.report(Problems.smpNoQuestion);
    this.guard(() => this.otr.smpSecret(secret));
  }

  /** Sends TLV 6 if a verification is running; reports `aborted` as confirmation. */
  smpAbort(): void {
    const sm = this.otr.sm;
    if (!this.secure || this.ended || sm === null || sm.smpstate === C.SMPSTATE_EXPECT1) return;
    this.guard(() => sm.abort());
  }

  /** Stops reporting. Wire text the library already queued (e.g. the disconnect) still goes out. */
  close(): void {
    this.closed = true;
    this.ended = true;
  }

  private canVerify(): boolean {
    if (this.secure && !this.ended) return true;
    this.report(Problems.smpNeedsPrivate);
    return false;
  }

  private guard(action: () => void): void {
    try {
      action();
    } catch {
      this.report(Problems.internal);
    }
  }

  private report(problem: EngineProblem): void {
    if (this.closed) return;
    this.emit({ type: 'error', sessionId: this.id, message: problem.message, fatal: problem.fatal });
  }

  private onSecure(): void {
    this.secure = true;
    const peer = this.otr.their_priv_pk;
    const fingerprint = peer === null ? null : normalizeFingerprint(peer.fingerprint());
    if (fingerprint === null) return this.report(Problems.handshakeFailed);
    // From now on this object refuses any new AKE (queries, replayed or fragmented AKE messages).
    const refuse = (): void => this.report(Problems.handshakeWhilePrivate);
    this.otr.doAKE = refuse;
    this.otr._akeInit = (): void => undefined;
    this.otr.ake.handleAKE = refuse;
    this.emit({ type: 'secure', sessionId: this.id, peerFingerprint: fingerprint });
  }

  private onEnded(): void {
    this.ended = true;
    const byPeer = this.otr.msgstate === C.MSGSTATE_FINISHED;
    if (!this.closed) this.emit({ type: 'ended', sessionId: this.id, byPeer });
  }

  // Listener bodies are blocks (the bundled emitter drops a listener that returns true) and never throw (the
  // library calls them in the middle of its own steps).
  private listen(): void {
    // The library hands each wire text to its `io` listeners from a setTimeout(0): at least 1 ms in Node, plus a
    // wake-up of this thread, on every message sent. With send_interval 0 that delay paces nothing, so each text
    // (or fragment, in order) is reported at once; the library calls this.io everywhere it sends.
    this.otr.io = (wire, meta): void => {
      try {
        for (const text of typeof wire === 'string' ? [wire] : wire) {
          this.emit({ type: 'io', sessionId: this.id, wire: text, meta: typeof meta === 'string' ? meta : null });
        }
      } catch {
        /* the sink failed: never let that throw into the middle of the library's own step */
      }
    };
    this.otr.on('ui', (text, encrypted, meta) => {
      try {
        if (this.closed || this.ended) return;
        // Undecodable OTR text comes back as "plaintext"; it must never be shown as a message.
        if (!encrypted && (this.input !== 'none' || EMBEDDED_WIRE.test(text))) return this.report(Problems.unreadableWire);
        this.emit({ type: 'message', sessionId: this.id, text, encrypted, meta: typeof meta === 'string' ? meta : null });
      } catch {
        this.report(Problems.internal);
      }
    });
    this.otr.on('status', (code) => {
      try {
        if (code === C.STATUS_SEND_QUERY || code === C.STATUS_AKE_INIT) this.handshakeStarted = true;
        else if (code === C.STATUS_AKE_SUCCESS && !this.secure) this.onSecure();
        else if (code === C.STATUS_END_OTR) this.onEnded();
      } catch {
        this.report(Problems.internal);
      }
    });
    this.otr.on('error', (reason) => {
      try {
        if (this.input === 'peer-error') return this.report(Problems.peerReported);
        const problem = explainLibraryError(reason, !this.secure);
        if (problem !== null) this.report(problem);
      } catch {
        this.report(Problems.internal);
      }
    });
    this.otr.on('smp', (kind, ...args) => {
      try {
        this.onSmp(kind, args);
      } catch {
        this.report(Problems.internal);
      }
    });
  }

  private onSmp(kind: string, args: unknown[]): void {
    if (this.closed || this.ended) return;
    const sessionId = this.id;
    if (kind === 'question') {
      const question = typeof args[0] === 'string' && args[0] !== '' ? args[0] : undefined;
      this.emit({ type: 'smp', sessionId, event: 'question', question });
    } else if (kind === 'trust') {
      const startedBy = args[1] === 'asked' ? 'me' : 'peer';
      this.emit({ type: 'smp', sessionId, event: 'result', trusted: args[0] === true, startedBy });
    } else if (kind === 'abort' && !this.silenceSmpAbort) {
      this.emit({ type: 'smp', sessionId, event: 'aborted' });
    }
  }
}
