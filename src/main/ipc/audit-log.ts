// The IPC audit: every frame that crosses the renderer boundary, one JSON line each, so the end-to-end tests can
// prove that no OTR wire text or key material reached a page. A test and debugging aid: the browser host writes it
// with --audit, the unpackaged Electron app with OTRDESK_IPC_AUDIT, the installed app never.
// What a user types as a credential (passwords, sign-in codes and tokens, SMP secrets) is replaced by a marker,
// and the file is created new, readable by its owner only, so it cannot be pointed at an existing file or link.
import { closeSync, openSync, writeSync } from 'node:fs';

export const REDACTED = '[redacted]';

/** Calls whose arguments are credentials: auth.login/submitTotp/loginWithToken and the SMP secret and question. */
const SECRET_ARGS = /^(?:auth\.|otr\.smp)/;

/** The frame with its arguments replaced by a marker when the call carries a secret. */
export function redactCall<T extends { name?: unknown; args?: unknown }>(frame: T): T {
  if (typeof frame.name !== 'string' || !SECRET_ARGS.test(frame.name) || frame.args === undefined) return frame;
  return { ...frame, args: REDACTED };
}

export interface AuditLog {
  record(direction: 'in' | 'out', frame: unknown): void;
  close(): void;
}

/** Creates `path` (it must not exist yet) with mode 0600 and appends frames to it. */
export function openAuditLog(path: string): AuditLog {
  const fd = openSync(path, 'wx', 0o600);
  return {
    record(direction, frame) {
      writeSync(fd, `${JSON.stringify({ direction, frame })}\n`);
    },
    close() {
      closeSync(fd);
    },
  };
}
