// Injected before the renderer (page.addInitScript): a window.otrDesk that serves one signed-in account
// whose DM holds a long history, and a probe that times opening that room. No server, no main process:
// this measures the renderer alone.
import { API_GLOBAL, buildApi } from '../../src/contract/api.js';
import type { CallName } from '../../src/contract/calls.js';
import type { AccountSettings, OldestShown, Room, Session, Settings } from '../../src/contract/model.js';
import { newestWindow, RoomTimeline } from '../../src/main/chat/room-timeline.js';
import { DM_ROOM_ID, makeHistory, ME, NEWEST_MARKER, PEER } from './history.js';
import type { DomCounts, OpenTiming } from './probe-types.js';

export interface BenchProbe {
  /** Starts timing at the next click anywhere in the page. */
  arm(): void;
  /** The control: times the next click to the end of the next frame, whatever the click did. */
  armControl(): void;
  result: OpenTiming | null;
  counts(): DomCounts;
}

declare global {
  interface Window {
    __otrBenchProbe?: BenchProbe;
    __otrBenchMessages?: number;
  }
}

const count = window.__otrBenchMessages ?? 10_000;
// The whole room as main holds it once it has all been paged in; the renderer gets main's pages of it.
const timeline = new RoomTimeline();
for (const message of makeHistory(count, Date.now())) timeline.upsert(message);
// Kept serialised, as it would cross Electron's IPC; each open parses it afresh, in a later task.
const openJson = JSON.stringify(newestWindow(timeline.all(), false));

const session: Session = { connection: { kind: 'online' }, serverUrl: 'https://chat.example.org', serverVersion: '8.0.0', me: { ...ME } };
const settings: Settings = { language: 'en', notifications: false, closeToTray: true };
const accountSettings: AccountSettings = { otrRequestTimeoutSec: 60, nativeOtr: true };
const rooms: Room[] = [
  { id: DM_ROOM_ID, type: 'd', name: PEER.username, displayName: PEER.name, unread: 0, peer: { ...PEER, presence: 'online' }, lastActivityAt: Date.now() },
  { id: 'general', type: 'c', name: 'general', displayName: 'general', unread: 0 },
];

function answer(name: CallName, args: unknown[]): unknown {
  const roomId = typeof args[0] === 'string' ? args[0] : '';
  switch (name) {
    case 'accounts.list':
      return { accounts: [{ id: 'bench00001', serverUrl: session.serverUrl, username: ME.username, unread: 0, connection: 'online' }], activeId: 'bench00001', migrationFailed: false };
    case 'session.get':
      return session;
    case 'settings.get':
      return settings;
    case 'accountSettings.get':
      return accountSettings;
    case 'rooms.list':
      return rooms;
    case 'rooms.open':
      return roomId === DM_ROOM_ID ? JSON.parse(openJson) : { messages: [], hasMore: false };
    case 'rooms.loadOlder': {
      const older = roomId === DM_ROOM_ID ? timeline.before(args[1] as OldestShown | null) : [];
      return JSON.parse(JSON.stringify(newestWindow(older, false)));
    }
    case 'otr.get':
      return { roomId, phase: 'idle', queued: 0 };
    case 'otr.states':
    case 'otr.knownFingerprints':
    case 'otr.problems':
    case 'users.search':
      return [];
    default:
      return null;
  }
}

/** Like an IPC reply, the answer is made in a later task, not inside the caller's. */
function invoke(name: CallName, args: unknown[]): Promise<unknown> {
  return new Promise((resolve) => setTimeout(() => resolve({ ok: true, value: answer(name, args) }), 0));
}

const api = buildApi(invoke, { on: () => () => undefined }, { tray: false });
Object.defineProperty(window, API_GLOBAL, { value: Object.freeze(api) });

/** The newest message laid out in the visible part of the message list (at least half of it shows). */
function newestInView(): boolean {
  const list = document.querySelector('.message-scroll');
  if (list === null) return false;
  const newest = [...list.querySelectorAll('.row')].find((row) => row.textContent?.includes(NEWEST_MARKER));
  if (newest === undefined) return false;
  const view = list.getBoundingClientRect();
  const box = newest.getBoundingClientRect();
  return box.height > 0 && box.top >= view.top && box.top + box.height / 2 <= view.bottom;
}

function timeOpening(clickedAt: number, done: (timing: OpenTiming) => void): void {
  let firstRowsMs = Number.NaN;
  // Cheap, no layout: when React first puts rows in, wherever the list is scrolled.
  const observer = new MutationObserver(() => {
    if (document.querySelector('.message-scroll .row') === null) return;
    firstRowsMs = performance.now() - clickedAt;
    observer.disconnect();
  });
  observer.observe(document.body, { childList: true, subtree: true });
  // Once per frame, before it is drawn (the layout read is the one the frame does anyway).
  const everyFrame = (): void => {
    if (!newestInView()) {
      requestAnimationFrame(everyFrame);
      return;
    }
    const settledMs = performance.now() - clickedAt;
    // A task posted now runs after this frame's rendering: the first screen has been painted.
    setTimeout(() => done({ firstRowsMs, settledMs, paintMs: performance.now() - clickedAt }), 0);
  };
  requestAnimationFrame(everyFrame);
}

/** A click that changes nothing still waits for a frame: what the browser and machine cost, not our code. */
function timeNextFrame(clickedAt: number, done: (timing: OpenTiming) => void): void {
  requestAnimationFrame(() => {
    const settledMs = performance.now() - clickedAt;
    setTimeout(() => done({ firstRowsMs: settledMs, settledMs, paintMs: performance.now() - clickedAt }), 0);
  });
}

const probe: BenchProbe = {
  result: null,
  armControl() {
    probe.result = null;
    document.addEventListener('click', (event) => timeNextFrame(event.timeStamp, (timing) => (probe.result = timing)), {
      capture: true,
      once: true,
    });
  },
  arm() {
    probe.result = null;
    document.addEventListener(
      'click',
      (event) => timeOpening(event.timeStamp, (timing) => (probe.result = timing)),
      { capture: true, once: true },
    );
  },
  counts: () => ({
    rows: document.querySelectorAll('.message-scroll .row').length,
    elements: document.getElementsByTagName('*').length,
  }),
};
window.__otrBenchProbe = probe;
