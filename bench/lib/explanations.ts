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
  'Every message in a back-and-forth chat carries the peer\'s new Diffie-Hellman key, and arlolra recomputes ' +
  'the shared secrets with pure-JavaScript 1536-bit modular exponentiation: about 80 ms of CPU per received ' +
  'message (reference §4), on top of the transport, so no transport tuning can reach 30 ms. Fix: do the DH ' +
  'arithmetic natively — node:crypto createDiffieHellman with the RFC 3526 1536-bit group computes the same ' +
  'g^x mod p and y^x mod p in about a millisecond — through a patch-package patch of the library\'s DH step.';

const EXPLANATIONS: Record<string, string> = {
  'handshake.start-to-private':
    'The AKE is four 1536-bit DH exponentiations and a DSA signature and verification per side in pure ' +
    'JavaScript (≈130 ms of CPU on a quiet machine, reference §4), plus the request and five AKE messages ' +
    'through the server, each crossing two worker hand-offs; on a loaded machine every hand-off waits for a ' +
    'CPU. Fix: native modular exponentiation in the library (as for the ratchet below), and generating the ' +
    'next DH key pair in the worker before it is needed.',
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
    'Most of the time is fixed cost, not per message (compare the 50-message row): in a CPU profile the ' +
    'first Intl.DateTimeFormat the page makes (every Time and DaySeparator render constructs a new one) ' +
    'loads ICU date data, and the list then walks to its end over three or four frames while measured row ' +
    'heights replace the 64 px estimate; with 10 000 messages, parsing, sorting and building 10 000 rows ' +
    'comes on top. Fix: create the date formatters once per language, early and in idle time; start the ' +
    'virtualiser at its end (initialOffset) so the first frame is already right; keep handing the renderer ' +
    'pages rather than whole histories.',
};

/** Why a figure with a goal can miss it, and what would fix that. */
export function explain(figure: Figure): string | undefined {
  if (figure.id.startsWith('main-thread.')) return MAIN_THREAD;
  return EXPLANATIONS[figure.id];
}
