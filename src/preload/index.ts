// The preload exposes intent-level functions only (api.account(id).otr.start(roomId), api.on('accounts.changed', …)),
// never ipcRenderer itself. Arguments and the account id are checked again in main; here we only forward.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { API_GLOBAL, buildApi, CALL_CHANNEL, createEventHub, EVENT_CHANNEL } from '../contract/api.js';

const hub = createEventHub();
ipcRenderer.on(EVENT_CHANNEL, (_event: IpcRendererEvent, name: unknown, payload: unknown, accountId: unknown) => {
  hub.deliver(name, payload, accountId);
});

const api = buildApi((name, args, accountId) => ipcRenderer.invoke(CALL_CHANNEL, name, args, accountId), hub, {
  tray: true,
});

contextBridge.exposeInMainWorld(API_GLOBAL, api);
