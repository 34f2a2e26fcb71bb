// Electron side of the contract: one invoke channel for calls, one send channel for events.
// Every call goes through the shared dispatcher (schema + sender checks); nothing else listens.
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { CALL_CHANNEL, EVENT_CHANNEL } from '../../contract/api.js';
import type { AddressedEventSink, EventName, EventPayload } from '../../contract/events.js';
import type { Dispatch } from '../ipc/dispatcher.js';

export function senderOf(event: IpcMainInvokeEvent): { isMainFrame: boolean; url: string } {
  const frame = event.senderFrame;
  // A frame is the top frame when it has no parent; a destroyed frame (null) is never trusted.
  return { isMainFrame: frame != null && frame.parent === null && frame === event.sender.mainFrame, url: frame?.url ?? '' };
}

export function registerIpc(ipcMain: IpcMain, dispatch: Dispatch): () => void {
  ipcMain.handle(CALL_CHANNEL, (event, name: unknown, args: unknown, accountId: unknown) =>
    dispatch(name, args, senderOf(event), accountId),
  );
  return () => ipcMain.removeHandler(CALL_CHANNEL);
}

export function eventSender(getTargets: () => WebContents[]): AddressedEventSink {
  return <K extends EventName>(name: K, payload: EventPayload<K>, accountId?: string): void => {
    for (const contents of getTargets()) {
      if (!contents.isDestroyed()) contents.send(EVENT_CHANNEL, name, payload, accountId);
    }
  };
}
