// Turns a room's messages into list rows: a day separator before the first message of each local day.
import type { Message } from '../../../../contract/model.js';

export type Row =
  | { kind: 'day'; key: string; ts: number }
  | { kind: 'message'; key: string; message: Message };

export function dayKey(ts: number): string {
  const d = new Date(ts);
  return `${d.getFullYear()}-${d.getMonth() + 1}-${d.getDate()}`;
}

export function buildRows(messages: readonly Message[]): Row[] {
  const rows: Row[] = [];
  let day = '';
  for (const message of messages) {
    const key = dayKey(message.ts);
    if (key !== day) {
      day = key;
      rows.push({ kind: 'day', key: `day-${key}`, ts: message.ts });
    }
    rows.push({ kind: 'message', key: message.id, message });
  }
  return rows;
}

/** 'today' / 'yesterday' / null (show the date) for a day separator. */
export function relativeDay(ts: number, now: number): 'today' | 'yesterday' | null {
  if (dayKey(ts) === dayKey(now)) return 'today';
  const yesterday = new Date(now);
  yesterday.setDate(yesterday.getDate() - 1);
  return dayKey(ts) === dayKey(yesterday.getTime()) ? 'yesterday' : null;
}

/**
 * A row's height before it is measured, close to what base.css lays out in a wide window (a bubble of at most
 * 46rem holds about 84 characters a line). The closer this is, the fewer corrections the list makes while a
 * room opens at its end: with one flat guess it re-rendered once more after measuring the first screen.
 */
export function estimateRowPx(row: Row | undefined): number {
  if (!row || row.kind === 'day') return DAY_ROW_PX;
  const { message } = row;
  if (message.kind === 'notice' || message.kind === 'system') return DAY_ROW_PX;
  const lines = message.kind === 'unreadable-private' ? 1 : Math.max(1, Math.ceil(message.text.length / CHARS_PER_LINE));
  const stateLine = message.status === 'sent' ? 0 : LINE_PX;
  const markLine = message.kind === 'unencrypted' ? LINE_PX : 0;
  return MESSAGE_CHROME_PX + lines * LINE_PX + stateLine + markLine;
}

const DAY_ROW_PX = 37;
const MESSAGE_CHROME_PX = 42;
const LINE_PX = 22;
const CHARS_PER_LINE = 84;
