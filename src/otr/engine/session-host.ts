// Owns the sessions of one engine and runs the calls on them. Thread-agnostic: the worker wraps it,
// and so does the inline engine that benchmarks compare against.
import type { EngineEvent } from '../ports.js';
import { Problems } from './errors.js';
import { generateIdentity, loadIdentity } from './identity-keys.js';
import { reportPowModPath } from './powmod-path.js';
import type { EngineCall, Reply, SessionCall } from './protocol.js';
import { Session, type SessionKeys } from './session.js';

export class SessionHost {
  private readonly sessions = new Map<string, Session>();
  private keys: SessionKeys | null = null;

  constructor(
    private readonly emit: (event: EngineEvent) => void,
    private readonly reply: (reply: Reply) => void,
  ) {
    reportPowModPath();
  }

  run(call: EngineCall): void {
    switch (call.op) {
      case 'generateIdentity':
        return this.answer(call.id, () => ({ id: call.id, ok: true, identity: generateIdentity() }));
      case 'useIdentity':
        return this.answer(call.id, () => {
          this.keys = loadIdentity(call.identity);
          return { id: call.id, ok: true };
        });
      default:
        return this.runSession(call);
    }
  }

  private answer(id: number, work: () => Reply): void {
    let result: Reply;
    try {
      result = work();
    } catch (error) {
      result = { id, ok: false, error: error instanceof Error ? error.message : 'Identity operation failed' };
    }
    this.reply(result);
  }

  private runSession(call: SessionCall): void {
    const { sessionId } = call;
    if (call.op === 'open') return this.open(sessionId, call.options.fragmentSize);
    const session = this.sessions.get(sessionId);
    if (session === undefined) {
      if (call.op !== 'close') this.problem(sessionId, Problems.noSession);
      return;
    }
    switch (call.op) {
      case 'close':
        session.close();
        this.sessions.delete(sessionId);
        return;
      case 'receive':
        return session.receive(call.wire, call.meta);
      case 'send':
        return session.send(call.plaintext, call.meta);
      case 'end':
        return session.end();
      case 'smpStart':
        return session.smpStart(call.secret, call.question);
      case 'smpAnswer':
        return session.smpAnswer(call.secret);
      case 'smpAbort':
        return session.smpAbort();
    }
  }

  /** Always a fresh OTR object: reopening an id discards the old one. */
  private open(sessionId: string, fragmentSize: number): void {
    if (this.keys === null) return this.problem(sessionId, Problems.noIdentity);
    this.sessions.get(sessionId)?.close();
    try {
      this.sessions.set(sessionId, new Session(sessionId, this.keys, fragmentSize, this.emit));
    } catch {
      this.sessions.delete(sessionId);
      this.problem(sessionId, Problems.internal);
    }
  }

  private problem(sessionId: string, problem: { message: string; fatal: boolean }): void {
    this.emit({ type: 'error', sessionId, message: problem.message, fatal: problem.fatal });
  }
}
