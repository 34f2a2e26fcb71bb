// A believable 10 000-message DM history in the contract's Message shape: two people, plaintext and private
// messages, the odd unreadable one and notice line, links, short and long texts, spread over weeks.
import type { Message } from '../../src/contract/model.js';

export const ME = { id: 'bench-me', username: 'sam', name: 'Sam Example' } as const;
export const PEER = { id: 'bench-peer', username: 'pat', name: 'Pat Peer' } as const;
export const DM_ROOM_ID = 'bench-me-bench-peer';
/** Only in the newest message: when it is on screen, the room opened at its end. */
export const NEWEST_MARKER = 'newest-message-in-this-room';

const WORDS = 'the a meeting tomorrow key door blue review lunch later plan draft send call code train late sure thanks ok'.split(' ');

/** Small deterministic PRNG (mulberry32): the same history every run. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function sentence(next: () => number): string {
  const length = 2 + Math.floor(next() ** 2 * 60);
  const words: string[] = [];
  for (let i = 0; i < length; i++) words.push(WORDS[Math.floor(next() * WORDS.length)]!);
  if (next() < 0.05) words.push('https://example.org/notes/' + Math.floor(next() * 1000));
  return words.join(' ');
}

export function makeHistory(count: number, now: number): Message[] {
  const next = random(8);
  const spacingMs = 4 * 60_000;
  const messages: Message[] = [];
  let ownTurn = false;
  for (let i = 0; i < count; i++) {
    if (next() < 0.4) ownTurn = !ownTurn;
    const author = ownTurn ? ME : PEER;
    const roll = next();
    const kind: Message['kind'] = roll < 0.01 ? 'notice' : roll < 0.03 ? 'unreadable-private' : roll < 0.6 ? 'private' : 'text';
    const newest = i === count - 1;
    messages.push({
      id: `m${String(i).padStart(6, '0')}`,
      roomId: DM_ROOM_ID,
      author: { ...author },
      ts: now - (count - i) * spacingMs,
      kind: newest ? 'text' : kind,
      text: newest ? `see you then, ${NEWEST_MARKER}` : kind === 'notice' ? '' : sentence(next),
      ...(kind === 'notice' && !newest ? { notice: 'otr-started' as const } : {}),
      status: 'sent',
      own: author === ME,
    });
  }
  return messages;
}
