// How often the peer's requests may open the Yes/No dialog. libotr clients (Pidgin's default policy) answer
// every OTR error, our "No" included, with a new request; and a peer (or the server in its name) could ask
// without end. So after our No, or after a few dialogs in a row went unanswered, requests stop opening the
// dialog for a while: one chat line says the peer asked, and the user's Start answers the newest request.
import type { NoticeCode } from '../../contract/model.js';

/** After our No, the peer's requests open no dialog for this long. */
export const QUIET_AFTER_NO_MS = 10 * 60_000;
/** At most this many dialogs per window without a Yes; the next request starts a quiet period. */
export const DIALOGS_PER_WINDOW = 3;
export const DIALOG_WINDOW_MS = 10 * 60_000;

export interface Asks {
  /** Until when the peer's requests open no dialog (epoch ms; 0: they do). */
  readonly quietUntil: number;
  /** Why it is quiet: the user said No, or the peer asked too often. */
  readonly reason: 'declined' | 'too-often';
  /** The quiet period's chat line was shown (once per period). */
  readonly told: boolean;
  /** When the recent dialogs opened, oldest first (within the window). */
  readonly opened: readonly number[];
  /** The newest request that arrived while quiet: Start answers it (a Yes) while it is valid. */
  readonly held: { readonly query: string; readonly expiresAt: number } | null;
}

export const NO_ASKS: Asks = { quietUntil: 0, reason: 'declined', told: false, opened: [], held: null };

export type Admission =
  | { open: true; asks: Asks }
  /** `tell`: the chat line to show, the first time in this quiet period. */
  | { open: false; asks: Asks; tell: NoticeCode | null };

/** Whether the peer's request (valid until `expiresAt`) may open the dialog now. */
export function admit(asks: Asks, query: string, expiresAt: number, now: number): Admission {
  const opened = asks.opened.filter((at) => now - at < DIALOG_WINDOW_MS);
  if (now < asks.quietUntil) return hold({ ...asks, opened }, query, expiresAt);
  if (opened.length >= DIALOGS_PER_WINDOW) {
    return hold({ quietUntil: now + QUIET_AFTER_NO_MS, reason: 'too-often', told: false, opened, held: null }, query, expiresAt);
  }
  return { open: true, asks: { ...NO_ASKS, opened: [...opened, now] } };
}

function hold(asks: Asks, query: string, expiresAt: number): Admission {
  const tell = asks.told ? null : asks.reason === 'declined' ? 'otr-asked-again' : 'otr-asked-too-often';
  return { open: false, asks: { ...asks, told: true, held: { query, expiresAt } }, tell };
}

/** Our user said No. */
export function afterNo(asks: Asks, now: number): Asks {
  return { ...asks, quietUntil: now + QUIET_AFTER_NO_MS, reason: 'declined', told: false, held: null };
}

/** A request held while quiet that is still valid at `now`, if any. */
export function heldQuery(asks: Asks | undefined, now: number): string | null {
  const held = asks?.held;
  return held !== null && held !== undefined && now < held.expiresAt ? held.query : null;
}
