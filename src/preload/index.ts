// The preload exposes intent-level functions only (api.otr.start(roomId), api.on('otr.changed', …)),
// never ipcRenderer itself. Arguments are checked again in main; here we only forward.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { API_GLOBAL, buildApi, CALL_CHANNEL, EVENT_CHANNEL } from '../contract/api.js';
import { callNames, type CallName } from '../contract/calls.js';
import { isEventName, type EventName } from '../contract/events.js';

type Listener = (payload: unknown) => void;
const listeners = new Map<EventName, Set<Listener>>();

ipcRenderer.on(EVENT_CHANNEL, (_event: IpcRendererEvent, name: unknown, payload: unknown) => {
  if (!isEventName(name)) return;
  for (const listener of listeners.get(name) ?? []) listener(payload);
});

const api = buildApi(
  callNames,
  (name: CallName, args: unknown[]) => ipcRenderer.invoke(CALL_CHANNEL, name, args),
  (name, listener) => {
    if (!isEventName(name)) throw new Error('unknown event');
    const set = listeners.get(name) ?? new Set<Listener>();
    listeners.set(name, set);
    set.add(listener);
    return () => set.delete(listener);
  },
);

contextBridge.exposeInMainWorld(API_GLOBAL, api);
