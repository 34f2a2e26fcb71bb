// A deterministic stand-in for the OTR engine. It speaks a toy protocol dressed as OTR v3 wire text (real
// headers: `?OTR:` + base64 of version 3 + message type, and real-looking fragments), so room sessions classify
// it exactly as they would the real thing: query → D-H Commit → D-H Key → Reveal Signature → Signature,
// data messages bound to the session's AKE, the disconnect, SMP, and "cannot read" errors.
import type { EngineEvent, Identity, OtrEngine } from '../../../src/otr/ports.js';

const T = { commit: 0x02, key: 0x0a, reveal: 0x11, sig: 0x12, data: 0x03 } as const;

interface Body {
  fp?: string;
  token?: string;
  text?: string;
  disconnect?: boolean;
  smp?: 'ask' | 'answer' | 'result' | 'abort';
  secret?: string;
  question?: string;
  trusted?: boolean;
}

export function encode(type: number, body: Body): string {
  const bytes = Buffer.concat([Buffer.from([0, 3, type]), Buffer.from(JSON.stringify(body), 'utf8')]);
  return `?OTR:${bytes.toString('base64')}.`;
}

function decode(wire: string): { type: number; body: Body } | null {
  const m = /^\?OTR:([A-Za-z0-9+/=]+)\.$/.exec(wire.trim());
  if (m === null) return null;
  const bytes = Buffer.from(m[1]!, 'base64');
  return { type: bytes[2]!, body: JSON.parse(bytes.subarray(3).toString('utf8')) as Body };
}

function fragment(wire: string, size: number): string[] {
  if (size <= 0 || wire.length <= size) return [wire];
  const pieces: string[] = [];
  for (let i = 0; i < wire.length; i += size) pieces.push(wire.slice(i, i + size));
  return pieces.map((p, k) => `?OTR|00000100|00000200,${k + 1},${pieces.length},${p},`);
}

type SessionState = 'plain' | 'awaiting-key' | 'awaiting-reveal' | 'awaiting-sig' | 'encrypted' | 'finished';

interface FakeSession {
  state: SessionState;
  token: string | null;
  peerFp: string | null;
  fragmentSize: number;
  buffer: string;
  smpSecret: string | null;
  smpRole: 'asker' | 'answerer' | null;
}

export class FakeEngine implements OtrEngine {
  readonly calls: { op: string; sessionId: string }[] = [];
  private readonly sessions = new Map<string, FakeSession>();
  private readonly listeners = new Set<(event: EngineEvent) => void>();
  private tokens = 0;

  constructor(readonly fingerprint: string) {}

  generateIdentity(): Promise<Identity> {
    return Promise.resolve({ packedKey: 'fake', instanceTagHex: '00000100', fingerprint: this.fingerprint });
  }

  useIdentity(): Promise<void> {
    return Promise.resolve();
  }

  openSession(sessionId: string, options: { fragmentSize: number }): void {
    this.calls.push({ op: 'open', sessionId });
    this.sessions.set(sessionId, {
      state: 'plain', token: null, peerFp: null, fragmentSize: options.fragmentSize, buffer: '', smpSecret: null, smpRole: null,
    });
  }

  closeSession(sessionId: string): void {
    this.calls.push({ op: 'close', sessionId });
    this.sessions.delete(sessionId);
  }

  receive(sessionId: string, wire: string, meta: string | null): void {
    this.calls.push({ op: 'receive', sessionId });
    const s = this.sessions.get(sessionId);
    if (s === undefined) return this.emit({ type: 'error', sessionId, message: 'no session', fatal: true });
    const frag = /^\?OTR\|[0-9a-f]+\|[0-9a-f]+,(\d+),(\d+),([^,]*),$/.exec(wire);
    if (frag !== null) {
      if (frag[1] === '1') s.buffer = '';
      s.buffer += frag[3];
      if (frag[1] !== frag[2]) return;
      wire = s.buffer;
      s.buffer = '';
    }
    if (wire.startsWith('?OTRv3?')) return this.ake(sessionId, s, 'query', {});
    const msg = decode(wire);
    if (msg === null) return this.emit({ type: 'error', sessionId, message: 'malformed', fatal: false });
    if (msg.type === T.data) return this.data(sessionId, s, msg.body, meta);
    return this.ake(sessionId, s, msg.type, msg.body);
  }

  send(sessionId: string, plaintext: string, meta: string | null): void {
    this.calls.push({ op: 'send', sessionId });
    const s = this.sessions.get(sessionId);
    if (s?.state !== 'encrypted') return this.emit({ type: 'error', sessionId, message: 'not ready', fatal: false });
    this.out(sessionId, s, encode(T.data, { token: s.token!, text: plaintext }), meta);
  }

  end(sessionId: string): void {
    this.calls.push({ op: 'end', sessionId });
    const s = this.sessions.get(sessionId);
    if (s === undefined) return;
    if (s.state === 'encrypted') this.out(sessionId, s, encode(T.data, { token: s.token!, disconnect: true }), null);
    s.state = 'plain';
    this.emit({ type: 'ended', sessionId, byPeer: false });
  }

  smpStart(sessionId: string, secret: string, question?: string): void {
    const s = this.secure(sessionId);
    if (s === null) return;
    s.smpSecret = secret;
    s.smpRole = 'asker';
    this.out(sessionId, s, encode(T.data, { token: s.token!, smp: 'ask', ...(question === undefined ? {} : { question }) }), null);
  }

  smpAnswer(sessionId: string, secret: string): void {
    const s = this.secure(sessionId);
    if (s === null) return;
    s.smpRole = 'answerer';
    this.out(sessionId, s, encode(T.data, { token: s.token!, smp: 'answer', secret }), null);
  }

  smpAbort(sessionId: string): void {
    const s = this.secure(sessionId);
    if (s === null) return;
    s.smpRole = null;
    this.out(sessionId, s, encode(T.data, { token: s.token!, smp: 'abort' }), null);
    this.emit({ type: 'smp', sessionId, event: 'aborted' });
  }

  onEvent(listener: (event: EngineEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  dispose(): Promise<void> {
    this.sessions.clear();
    return Promise.resolve();
  }

  openSessionIds(): string[] {
    return this.calls.filter((c) => c.op === 'open').map((c) => c.sessionId);
  }

  receiveCount(): number {
    return this.calls.filter((c) => c.op === 'receive').length;
  }

  private secure(sessionId: string): FakeSession | null {
    const s = this.sessions.get(sessionId);
    return s?.state === 'encrypted' ? s : null;
  }

  private ake(sessionId: string, s: FakeSession, type: number | 'query', body: Body): void {
    if (s.state === 'encrypted') return this.emit({ type: 'error', sessionId, message: 'handshake while private', fatal: false });
    if (type === 'query') {
      s.token = `tok-${this.fingerprint.slice(0, 4)}-${++this.tokens}`;
      s.state = 'awaiting-key';
      return this.out(sessionId, s, encode(T.commit, { token: s.token }), null);
    }
    if (type === T.commit) {
      s.token = body.token!;
      s.state = 'awaiting-reveal';
      return this.out(sessionId, s, encode(T.key, { fp: this.fingerprint }), null);
    }
    if (type === T.key && s.state === 'awaiting-key') {
      this.out(sessionId, s, encode(T.reveal, { fp: this.fingerprint }), null);
      s.state = 'awaiting-sig';
      s.peerFp = body.fp!;
      return;
    }
    if (type === T.reveal && s.state === 'awaiting-reveal') {
      this.out(sessionId, s, encode(T.sig, {}), null);
      return this.secured(sessionId, s, body.fp!);
    }
    if (type === T.sig && s.state === 'awaiting-sig') return this.secured(sessionId, s, s.peerFp!);
  }

  private secured(sessionId: string, s: FakeSession, peerFp: string): void {
    s.state = 'encrypted';
    s.peerFp = peerFp;
    this.emit({ type: 'secure', sessionId, peerFingerprint: peerFp });
  }

  private data(sessionId: string, s: FakeSession, body: Body, meta: string | null): void {
    if (s.state !== 'encrypted' || body.token !== s.token) {
      // As the library does: tell the peer, and report a non-fatal error here.
      this.out(sessionId, s, '?OTR Error: An OTR error has occurred.', null);
      return this.emit({ type: 'error', sessionId, message: 'unreadable', fatal: false });
    }
    if (body.disconnect === true) {
      s.state = 'finished';
      return this.emit({ type: 'ended', sessionId, byPeer: true });
    }
    if (body.smp !== undefined) return this.smp(sessionId, s, body);
    this.emit({ type: 'message', sessionId, text: body.text ?? '', encrypted: true, meta });
  }

  private smp(sessionId: string, s: FakeSession, body: Body): void {
    if (body.smp === 'ask') {
      s.smpRole = 'answerer';
      this.emit({ type: 'smp', sessionId, event: 'question', question: body.question });
    } else if (body.smp === 'answer' && s.smpRole === 'asker') {
      const trusted = body.secret === s.smpSecret;
      s.smpRole = null;
      this.out(sessionId, s, encode(T.data, { token: s.token!, smp: 'result', trusted }), null);
      this.emit({ type: 'smp', sessionId, event: 'result', trusted, startedBy: 'me' });
    } else if (body.smp === 'result') {
      s.smpRole = null;
      this.emit({ type: 'smp', sessionId, event: 'result', trusted: body.trusted === true, startedBy: 'peer' });
    } else if (body.smp === 'abort') {
      s.smpRole = null;
      this.emit({ type: 'smp', sessionId, event: 'aborted' });
    }
  }

  private out(sessionId: string, s: FakeSession, wire: string, meta: string | null): void {
    for (const piece of fragment(wire, s.fragmentSize)) this.emit({ type: 'io', sessionId, wire: piece, meta });
  }

  /** Events arrive later, as from the worker. */
  private emit(event: EngineEvent): void {
    queueMicrotask(() => this.listeners.forEach((l) => l(event)));
  }
}
