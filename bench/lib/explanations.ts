// Why a goal can be missed and what would fix it, per figure. Printed, and written to docs/PERFORMANCE.md,
// only for the figures that missed in that run.
import type { Figure } from './report.js';

const MAIN_THREAD =
  'The OTR math runs in the worker: in the longest gap the main thread itself ran about a millisecond of ' +
  'code ("own work", from the kernel\'s per-thread CPU accounting); the rest of the block is time the OS did ' +
  'not schedule it. On a shared, loaded 2-core machine such stalls come at random and a multi-second step ' +
  '(keygen, SMP) is likely to catch one: the control row, where a worker only spins and the main thread has ' +
  'nothing to do, stalls too. The inline column is what the worker saves. Fix: read this row on a quiet ' +
  'machine; if it persists there, run the engine worker at a lower OS priority so the UI thread is ' +
  'scheduled first.';

const RATCHET =
  'Every message in a back-and-forth chat carries the peer\'s new Diffie-Hellman key, so each receive ' +
  'recomputes shared secrets with 1536-bit modular exponentiations. Our patch of the library runs those in ' +
  'the platform\'s crypto library (node:crypto\'s Diffie-Hellman primitive: OpenSSL, BoringSSL in Electron): ' +
  'the p50 went from ≈80 ms (bundled bigint.js) to ≈24 ms (native BigInt) to ≈11 ms; against in-process ' +
  'plaintext (1 ms) the ratio cannot come near 1.5×. Fix: judge the ratio against a real server, where the ' +
  'network dominates both (the one-way row with a 20 ms server is 1.2×).';

const EXPLANATIONS: Record<string, string> = {
  'handshake.start-to-private':
    'The AKE is four 1536-bit DH exponentiations (in the platform crypto library) and a DSA signature and ' +
    'verification per side (still BigInt in JavaScript), plus the request and five AKE messages through the ' +
    'server, each crossing two worker hand-offs; on a loaded machine every hand-off waits for a CPU. Fix: DSA ' +
    'in the platform library too, and generating the next DH key pair in the worker before it is needed.',
  'latency.one-way.p50':
    'One-way messages need no new DH key, so the cost is the path: encrypt in the sender\'s worker, the ' +
    'server, decrypt in the receiver\'s worker — four thread hand-offs that each wait for a CPU on a loaded ' +
    'machine. Fix: measure on a quiet machine first; batching consecutive engine calls is already done.',
  'latency.one-way.ratio':
    'Plaintext here never leaves one process (client → in-process server → client, 1–2 ms), so the fixed ' +
    'cost of encrypting, decrypting and four hand-offs between the main thread and the two workers is several ' +
    'times that. The ratio shrinks to near 1 once there is a network between client and server: see the ' +
    'last row, with the server only 20 ms slower. Fix: nothing in the client is worth the main-thread risk; ' +
    'judge this goal against a real server.',
  'latency.ping-pong.p50': RATCHET,
  'latency.ping-pong.ratio': RATCHET,
  'renderer.open':
    'Profiled (Chromium trace): the list used to settle in two rounds — one flat row-height guess put the ' +
    'first screen in the wrong place, a scroll event re-rendered it — and the first date formatter loaded ' +
    'ICU data inside the click. Per-row height guesses, formatters built while idle and memoised rows took ' +
    'it from ≈330 ms to ≈220 ms, and a room of 50 messages (what rooms.open hands the renderer today) from ' +
    '≈260 ms to ≈120 ms. What remains for 10 000 is per message: parsing the reply (≈20 ms here), garbage ' +
    'collection of the 10 000 message and row objects (≈60 ms) and the virtualiser sizing every row. ' +
    'Fix: keep handing the renderer pages, never whole histories (the app does; this figure is the stress case).',
};

/** Why a figure with a goal can miss it, and what would fix that. */
export function explain(figure: Figure): string | undefined {
  if (figure.id.startsWith('main-thread.')) return MAIN_THREAD;
  return EXPLANATIONS[figure.id];
}
