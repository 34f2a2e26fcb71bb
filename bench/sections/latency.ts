// Section 3: how long a message takes from "send" to shown at the peer, private (encrypted, decrypted in
// the peer's worker) beside plaintext, through the local server and two whole app cores.
import { parse } from '@rocket.chat/message-parser';
import { endPrivate, goPrivate, startAppPair, type AppClient, type AppPair, type AppPairOptions } from '../lib/app-pair.js';
import { fmt, ratio, type Figure, type SectionResult } from '../lib/report.js';
import { quantile } from '../lib/stats.js';

export interface LatencyOptions {
  /** Messages per pattern (one-way, ping-pong), for plaintext and for private each. */
  messages: number;
  /** One-way messages, plaintext and private each, with the server delaying what it sends. */
  delayedMessages: number;
  /** How long the server holds every frame it sends: a stand-in for a real network. */
  delayMs: number;
}

export const LATENCY_DEFAULTS: LatencyOptions = { messages: 1000, delayedMessages: 100, delayMs: 20 };

type Pattern = 'one-way' | 'ping-pong';
type Kind = 'text' | 'private';

/** 100 characters, unique per message so each arrival is matched to its send. */
function body(tag: string, i: number): string {
  return `${tag} #${i} `.padEnd(100, 'lorem ipsum ');
}

/**
 * Sends `count` messages, each after the previous one arrived: one-way always alice → bob; ping-pong
 * alternates, so with OTR every receive meets the peer's new DH key. Returns the latencies in ms.
 */
async function exchange(pair: AppPair, pattern: Pattern, kind: Kind, count: number): Promise<number[]> {
  const latencies: number[] = [];
  for (let i = 0; i < count; i++) {
    const [from, to]: [AppClient, AppClient] = pattern === 'one-way' || i % 2 === 0 ? [pair.alice, pair.bob] : [pair.bob, pair.alice];
    const text = body(`${kind} ${pattern}`, i);
    const arrived = to.next('chat.message', (m) => m.roomId === pair.roomId && !m.own && m.text === text, `message ${i}`);
    const start = performance.now();
    const sent = await from.core.handlers['chat.send'](pair.roomId, text);
    if (!sent.ok) throw new Error(`chat.send failed: ${sent.error.code}`);
    const shown = await arrived;
    latencies.push(performance.now() - start);
    if (shown.kind !== kind) throw new Error(`expected a ${kind} message, got ${shown.kind}`);
  }
  return latencies;
}

interface Distribution {
  p50: number;
  p99: number;
}

const dist = (samples: number[]): Distribution => ({ p50: quantile(samples, 0.5), p99: quantile(samples, 0.99) });

function figures(pattern: Pattern, priv: Distribution, plain: Distribution, n: number): Figure[] {
  const sampled = `${n} messages`;
  return [
    {
      id: `latency.${pattern}.p50`,
      label: `private ${pattern}: send → shown at peer, p50`,
      value: priv.p50,
      unit: 'ms',
      goal: { max: 30, unit: 'ms' },
      compared: `plaintext p50 ${fmt(plain.p50, 'ms')}`,
      sampled,
    },
    {
      id: `latency.${pattern}.p99`,
      label: `private ${pattern}: send → shown at peer, p99`,
      value: priv.p99,
      unit: 'ms',
      compared: `plaintext p99 ${fmt(plain.p99, 'ms')} (${ratio(priv.p99, plain.p99)})`,
      sampled,
    },
    {
      id: `latency.${pattern}.overhead`,
      label: `private ${pattern}: p50 − plaintext p50 (what OTR adds)`,
      value: priv.p50 - plain.p50,
      unit: 'ms',
      // The one-way goal of issue 19; ping-pong adds a new DH key per message (the ratchet) and has none.
      ...(pattern === 'one-way' ? { goal: { max: 2, unit: 'ms' } } : {}),
      compared: `${fmt(priv.p50, 'ms')} − ${fmt(plain.p50, 'ms')}, the same path in the same run`,
      sampled,
    },
  ];
}

/** One-way again, plaintext and private (the session is still private), with every server frame delayed. */
async function overSlowerServer(pair: AppPair, o: LatencyOptions): Promise<{ plain: number[]; private: number[] }> {
  await endPrivate(pair);
  pair.server.faults.delayFrames(o.delayMs);
  try {
    const plain = await exchange(pair, 'one-way', 'text', o.delayedMessages);
    await goPrivate(pair);
    return { plain, private: await exchange(pair, 'one-way', 'private', o.delayedMessages) };
  } finally {
    pair.server.faults.delayFrames(0);
  }
}

function delayedFigure(delayed: { plain: number[]; private: number[] }, o: LatencyOptions): Figure {
  const priv = dist(delayed.private);
  const plain = dist(delayed.plain);
  return {
    id: 'latency.delayed.overhead',
    label: `private one-way p50 − plaintext p50, server ${o.delayMs} ms slower`,
    value: priv.p50 - plain.p50,
    unit: 'ms',
    compared: `${fmt(priv.p50, 'ms')} vs ${fmt(plain.p50, 'ms')}`,
    sampled: `${o.delayedMessages} messages`,
  };
}

/** `pairOptions`: how the two app cores are started (tests give keys that never come and short limits). */
/** The server's message-parser (Rocket.Chat parses every message's text before saving it) on one text: median of 50. */
function parseMs(text: string): number {
  const samples: number[] = [];
  for (let i = 0; i < 50; i++) {
    const start = performance.now();
    parse(text);
    samples.push(performance.now() - start);
  }
  return quantile(samples, 0.5);
}

/**
 * The profile behind the overhead: how much longer the server's parse of one OTR data message (a long base64
 * word) takes than that of the plaintext it carries, and what is left of the overhead for the app itself.
 */
function serverParseFigure(pair: AppPair, overhead: number, n: number): Figure {
  const wire = pair.server.records.messages().filter((m) => m.rid === pair.roomId && m.msg.startsWith('?OTR:AAMD')).at(-1)?.msg ?? '';
  const plain = parseMs(body('text one-way', 0));
  const extra = parseMs(wire) - plain;
  return {
    id: 'latency.one-way.server-parse',
    label: 'of which the server parsing the OTR text (message-parser)',
    value: extra,
    unit: 'ms',
    compared: `${fmt(plain + extra, 'ms')} for ${wire.length} characters of base64 vs ${fmt(plain, 'ms')} for the 100-character plaintext; the other ${fmt(overhead - extra, 'ms')}: worker round trips, encrypt, decrypt, larger frames`,
    sampled: `50 parses each, after ${n} messages`,
  };
}

export async function latencySection(o: LatencyOptions = LATENCY_DEFAULTS, pairOptions: AppPairOptions = {}): Promise<SectionResult> {
  const pair = await startAppPair(pairOptions);
  try {
    const plain = {
      oneWay: await exchange(pair, 'one-way', 'text', o.messages),
      pingPong: await exchange(pair, 'ping-pong', 'text', o.messages),
    };
    await goPrivate(pair);
    const priv = {
      oneWay: await exchange(pair, 'one-way', 'private', o.messages),
      pingPong: await exchange(pair, 'ping-pong', 'private', o.messages),
    };
    const delayed = await overSlowerServer(pair, o);
    return {
      name: 'latency',
      title: '3. Message latency, send → shown at the peer (private beside plaintext, same run)',
      figures: [
        ...figures('one-way', dist(priv.oneWay), dist(plain.oneWay), o.messages),
        serverParseFigure(pair, dist(priv.oneWay).p50 - dist(plain.oneWay).p50, o.messages),
        ...figures('ping-pong', dist(priv.pingPong), dist(plain.pingPong), o.messages),
        delayedFigure(delayed, o),
      ],
      notes: [
        `${o.messages} messages of 100 characters per pattern, for plaintext first and then in one private session; each message is sent when the previous one has arrived.`,
        'Timed from the sender\'s chat.send call to the receiver\'s chat.message event with that text (kind "private" or "text"), through two app cores and startServer, all in this process.',
        'The bench server runs with DDP rate limits OFF (rateLimits.enabled = false) and the two clients do not pace their calls to Rocket.Chat\'s defaults (paceCalls = false): 10 sendMessage per 10 s would otherwise hold every eleventh message for seconds.',
        'alice\'s and bob\'s identity keys are made before the run (one worker) and stored in their profiles, so no key generation competes with the messages.',
        `Last row: ${o.delayedMessages} one-way messages each way of sending, with the server holding every frame it sends for ${o.delayMs} ms (server.faults.delayFrames), as a network between client and server would.`,
        'Ping-pong alternates senders, so each private receive meets a new DH key of the peer (the ratchet), as a normal conversation does; one-way never does.',
      ],
      raw: { options: o, plain, private: priv, delayed },
    };
  } finally {
    await pair.dispose();
  }
}
