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
