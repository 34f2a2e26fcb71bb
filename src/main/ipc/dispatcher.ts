// The one choke point every renderer call passes through, in Electron and in the browser host alike.
// It rejects unknown call names, callers that are not our own window's top frame, and arguments that fail
// the contract's schema — before any handler runs. Handlers get parsed, typed arguments only.
import { calls, isCallName, type CallName, type Handlers, type Result } from '../../contract/calls.js';
import type { ErrorInfo } from '../../contract/model.js';

/** Who is calling. Electron fills it from the IPC event's sender frame; the host from its authenticated socket. */
export interface SenderInfo {
  /** True only for the top frame of a window we created. */
  isMainFrame: boolean;
  /** The caller's page URL. */
  url: string;
}

export type SenderPolicy = (sender: SenderInfo) => boolean;

export type Rejection = 'unknown-call' | 'untrusted-sender' | 'invalid-arguments' | 'handler-failed';

export interface DispatcherOptions {
  isTrustedSender: SenderPolicy;
  /** Told about every rejection; never given the arguments (they may hold private plaintext). */
  onReject?: (reason: Rejection, name: string) => void;
}

export type Dispatch = (name: unknown, args: unknown, sender: SenderInfo) => Promise<Result<unknown>>;

const invalid = (detail: string): { ok: false; error: ErrorInfo } => ({
  ok: false,
  error: { code: 'invalid-request', detail },
});

export function createDispatcher(handlers: Handlers, options: DispatcherOptions): Dispatch {
  return async (name, args, sender) => {
    if (!isCallName(name)) {
      options.onReject?.('unknown-call', typeof name === 'string' ? name.slice(0, 64) : `(${typeof name})`);
      return invalid('unknown call');
    }
    if (!options.isTrustedSender(sender)) {
      options.onReject?.('untrusted-sender', name);
      return invalid('caller not allowed');
    }
    const parsed = calls[name].args.safeParse(args);
    if (!parsed.success) {
      options.onReject?.('invalid-arguments', name);
      return invalid(`invalid arguments for ${name}`);
    }
    try {
      return await invokeHandler(handlers, name, parsed.data);
    } catch (err) {
      options.onReject?.('handler-failed', name);
      console.error(`call ${name} failed:`, err instanceof Error ? err.message : 'unknown error');
      return { ok: false, error: { code: 'internal' } };
    }
  };
}

function invokeHandler(handlers: Handlers, name: CallName, args: unknown): Promise<Result<unknown>> {
  // The schema above guarantees `args` matches this call's tuple; TypeScript cannot correlate the union here.
  const handler = handlers[name] as (...a: unknown[]) => Promise<Result<unknown>>;
  return handler(...(args as unknown[]));
}

/** The Electron policy: only the top frame, only pages served from our own app origin. */
export function appOriginPolicy(allowedOrigins: readonly string[]): SenderPolicy {
  return (sender) => {
    if (!sender.isMainFrame) return false;
    try {
      // URL.origin is "null" for custom schemes such as app://, so compare scheme and host ourselves.
      const url = new URL(sender.url);
      return allowedOrigins.includes(`${url.protocol}//${url.host}`);
    } catch {
      return false;
    }
  };
}
