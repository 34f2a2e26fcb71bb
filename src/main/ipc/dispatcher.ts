// The one choke point every renderer call passes through, in Electron and in the browser host alike.
// It rejects unknown call names, callers that are not our own window's top frame, an account id that is
// missing, unknown or given to an app-level call, and arguments that fail the contract's schema — before any
// handler runs. Handlers get parsed, typed arguments only.
import { AccountId, isAppCallName } from '../../contract/accounts.js';
import { calls, isCallName, type AppHandlers, type CallName, type Handlers, type Result } from '../../contract/calls.js';
import type { ErrorInfo } from '../../contract/model.js';

/** Who is calling. Electron fills it from the IPC event's sender frame; the host from its authenticated socket. */
export interface SenderInfo {
  /** True only for the top frame of a window we created. */
  isMainFrame: boolean;
  /** The caller's page URL. */
  url: string;
}

export type SenderPolicy = (sender: SenderInfo) => boolean;

export type Rejection = 'unknown-call' | 'untrusted-sender' | 'unknown-account' | 'invalid-arguments' | 'handler-failed';

/** Where calls go: the app-level handlers, and each account's (undefined for an id that is not an account). */
export interface CallTargets {
  app: AppHandlers;
  account(accountId: string): Handlers | undefined;
}

export interface DispatcherOptions {
  isTrustedSender: SenderPolicy;
  /** Told about every rejection; never given the arguments (they may hold private plaintext). */
  onReject?: (reason: Rejection, name: string) => void;
}

export type Dispatch = (name: unknown, args: unknown, sender: SenderInfo, accountId?: unknown) => Promise<Result<unknown>>;

const invalid = (detail: string): { ok: false; error: ErrorInfo } => ({
  ok: false,
  error: { code: 'invalid-request', detail },
});

export function createDispatcher(targets: CallTargets, options: DispatcherOptions): Dispatch {
  return async (name, args, sender, accountId) => {
    if (!isCallName(name)) {
      options.onReject?.('unknown-call', typeof name === 'string' ? name.slice(0, 64) : `(${typeof name})`);
      return invalid('unknown call');
    }
    if (!options.isTrustedSender(sender)) {
      options.onReject?.('untrusted-sender', name);
      return invalid('caller not allowed');
    }
    const handlers = handlersFor(targets, name, accountId);
    if (!handlers) {
      options.onReject?.('unknown-account', name);
      return invalid(`no such account for ${name}`);
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

/** App-level calls take no account; every other call names an account that exists. */
function handlersFor(targets: CallTargets, name: CallName, accountId: unknown): Partial<Handlers & AppHandlers> | undefined {
  if (isAppCallName(name)) return accountId === undefined || accountId === null ? targets.app : undefined;
  const id = AccountId.safeParse(accountId);
  return id.success ? targets.account(id.data) : undefined;
}

function invokeHandler(handlers: Partial<Handlers & AppHandlers>, name: CallName, args: unknown): Promise<Result<unknown>> {
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
