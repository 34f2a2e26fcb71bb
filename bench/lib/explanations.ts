// Why a goal can be missed and what would fix it, per figure. Printed, and written to docs/PERFORMANCE.md,
// only for the figures that missed in that run. Reasons only, never figures: a number here would be read as
// measured by this run. Earlier runs' figures live in docs/PERFORMANCE-HISTORY.md.
import type { Figure } from './report.js';

const MAIN_THREAD =
  'The OTR math runs in the worker: the "own work" column is how much code the main thread itself ran in its ' +
  'longest gap (the kernel\'s per-thread CPU accounting); the rest of the block is time the OS did not schedule ' +
  'it. On a shared, loaded machine such stalls come at random and a multi-second step (keygen, SMP) is likely to ' +
  'catch one: compare the control row, where a worker only spins and the main thread has nothing to do. The ' +
  'inline column is what the worker saves. Fix: read this row on a quiet machine; if it persists there, run the ' +
  'engine worker at a lower OS priority so the UI thread is scheduled first.';

const RATCHET =
  'Every message in a back-and-forth chat carries the peer\'s new Diffie-Hellman key, so each receive ' +
  'recomputes shared secrets with 1536-bit modular exponentiations, which our patch of the library runs in the ' +
  'platform\'s crypto library (node:crypto\'s Diffie-Hellman primitive: OpenSSL, BoringSSL in Electron). ' +
  'Fix: generating the next DH key pair in the worker before it is needed, off the path of the message.';

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
  'latency.one-way.overhead':
    'Most of what OTR adds is on the server, not in the app: Rocket.Chat parses every message\'s text with its ' +
    'message-parser before saving it (the local server does the same), and that parser takes time that grows ' +
    'faster than the length of a word, so one long base64 word (the OTR data message) costs it many times a ' +
    'plain sentence. The app adds the sender\'s and the receiver\'s worker round trips (encrypt, decrypt, four ' +
    'hand-offs between threads), each waiting for a CPU on a loaded machine. Fix: none in the app without ' +
    'leaving the OTR wire format; on a real deployment the parse runs on the server\'s CPU, not the user\'s.',
  'latency.ping-pong.p50': RATCHET,
  'startup.sign-in':
    'The page waits for the host twice before it can render anything but the splash: the scripts, then the ' +
    'answers over the host\'s socket. On a loaded machine every step waits for a CPU: compare the control row.',
  'startup.room-list':
    'Before the room list can render, three requests go over the host\'s socket one after another ' +
    '(accounts.list, then the account\'s session.get, then rooms.list), and the messenger\'s code is fetched ' +
    'once the session says signed in; each waits for the host\'s core. Fix: have the host answer the first ' +
    'screen\'s state in one reply. Compare the control row for what the machine adds.',
  'renderer.open':
    'The renderer gets the newest window of the room (rooms.open never hands over a whole history), so what ' +
    'remains is what a first page costs too: see the explanation of the row with the first page.',
  'renderer.open-first-page':
    'One frame: the room appears together with its history once the reply has arrived in a later task (as an ' +
    'IPC reply does), and that task is the main-thread work: React creating the rows in view, measuring them (the ' +
    'first layout of the new chat) and scrolling to the newest, a second layout. Each waits for a CPU on a loaded ' +
    'machine (compare the control row), and the figure moves by tens of percent between runs. Fix: fewer elements ' +
    'per row; the profile and what was tried are in docs/PERFORMANCE-HISTORY.md.',
};

/** Why a figure with a goal can miss it, and what would fix that. */
export function explain(figure: Figure): string | undefined {
  if (figure.id.startsWith('main-thread.')) return MAIN_THREAD;
  return EXPLANATIONS[figure.id];
}
