// Runs in the page before the renderer, in the browser host only. It defines window.otrDesk with the same
// shape the Electron preload exposes, carried over a loopback WebSocket that needs this run's secret.
import { API_GLOBAL, buildApi, createEventHub } from '../../contract/api.js';
import type { CallName } from '../../contract/calls.js';

type Pending = (result: unknown) => void;

const TOKEN_KEY = 'otrdesk.hostToken';

function takeToken(): string {
  const match = /token=([A-Za-z0-9_-]+)/.exec(location.hash);
  if (match?.[1]) {
    sessionStorage.setItem(TOKEN_KEY, match[1]);
    history.replaceState(null, '', location.pathname + location.search);
    return match[1];
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

const token = takeToken();
const hub = createEventHub();
const pending = new Map<number, Pending>();
let nextId = 1;
let socket: WebSocket | undefined;
let ready: Promise<WebSocket> | undefined;

function connect(): Promise<WebSocket> {
  ready ??= new Promise<WebSocket>((resolve, reject) => {
    const ws = new WebSocket(`ws://${location.host}/__host/ws?token=${encodeURIComponent(token)}`);
    ws.onopen = () => {
      socket = ws;
      resolve(ws);
    };
    ws.onmessage = (event: MessageEvent<string>) => onFrame(event.data);
    ws.onclose = () => {
      socket = undefined;
      ready = undefined;
      for (const [id, settle] of pending) {
        pending.delete(id);
        settle({ ok: false, error: { code: 'disconnected' } });
      }
      reject(new Error('host connection closed'));
      setTimeout(() => void connect().catch(() => undefined), 1000);
    };
  });
  return ready;
}

function onFrame(data: string): void {
  const frame = JSON.parse(data) as { id?: number; result?: unknown; event?: string; payload?: unknown; account?: unknown };
  if (typeof frame.id === 'number') {
    pending.get(frame.id)?.(frame.result);
    pending.delete(frame.id);
  } else {
    hub.deliver(frame.event, frame.payload, frame.account);
  }
}

async function invoke(name: CallName, args: unknown[], account?: string): Promise<unknown> {
  const ws = socket ?? (await connect().catch(() => undefined));
  if (!ws) return { ok: false, error: { code: 'disconnected' } };
  const id = nextId++;
  return new Promise((resolve) => {
    pending.set(id, resolve);
    ws.send(JSON.stringify({ id, name, args, account }));
  });
}

void connect().catch(() => undefined);
Object.defineProperty(window, API_GLOBAL, { value: buildApi(invoke, hub, { tray: false }), writable: false });
