// Small read helpers over the store's data, shared by screens.
import type { OtrRoomView, Room } from '../../../contract/model.js';
import type { AppData } from './app-store.js';

/** The name used for the other person in a room's sentences ("bob wants to start…"). */
export function peerName(room: Room | undefined): string {
  return room?.peer?.name ?? room?.peer?.username ?? room?.displayName ?? '';
}

export function findRoom(state: Pick<AppData, 'rooms'>, roomId: string | null): Room | undefined {
  return roomId === null ? undefined : state.rooms.find((r) => r.id === roomId);
}

export function otrView(state: Pick<AppData, 'otr'>, roomId: string | null): OtrRoomView | undefined {
  return roomId === null ? undefined : state.otr[roomId];
}
