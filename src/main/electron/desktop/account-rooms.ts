// Which room of which account is on screen, and when deep links can be followed: both over all accounts.
import type { Session } from '../../../contract/model.js';
import type { AppCore } from '../../app-core.js';

export interface OpenedRoom {
  accountId: string;
  roomId: string;
}

/**
 * Main learns which room is on screen from the renderer's own rooms.open calls: each account's handler is
 * wrapped in place (once), and the dispatcher looks handlers up per call, so the wrapped one is what runs.
 */
export function observeOpenedRooms(onOpen: (room: OpenedRoom) => void) {
  const wrapped = new WeakSet<object>();
  return (accountId: string, core: Pick<AppCore, 'handlers'>): void => {
    if (wrapped.has(core.handlers)) return;
    wrapped.add(core.handlers);
    const open = core.handlers['rooms.open'];
    core.handlers['rooms.open'] = (roomId) => {
      onOpen({ accountId, roomId });
      return open(roomId);
    };
  };
}

/**
 * Links can be followed once the UI is loaded and every account's room list is known (or there is none to wait
 * for: signed out, or offline with an error). Calls `ready` once.
 */
export function linkReadiness(accountIds: () => string[], ready: () => void) {
  let loaded = false;
  let done = false;
  const settled = new Set<string>();
  const check = (): void => {
    if (loaded && !done && accountIds().every((id) => settled.has(id))) {
      done = true;
      ready();
    }
  };
  return {
    windowLoaded: () => {
      loaded = true;
      check();
    },
    roomsKnown: (accountId: string) => {
      settled.add(accountId);
      check();
    },
    session: (accountId: string, value: Session) => {
      if (value.connection.kind === 'signed-out' || value.connection.kind === 'offline') settled.add(accountId);
      check();
    },
  };
}
