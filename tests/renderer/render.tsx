// Renders a piece of the UI with a store over a fake api, with the store preset to a given state.
import { render } from '@testing-library/react';
import type { ReactNode } from 'react';
import { createAppStore, type AppData, type AppStore } from '../../src/renderer/src/store/app-store.js';
import { AppProvider } from '../../src/renderer/src/store/context.js';
import { createFakeApi, defaultAccountSettings, defaultSettings, dmRoom, onlineSession, type FakeApi } from './fake-api.js';

export interface Rendered {
  fake: FakeApi;
  store: AppStore;
  events: { name: string; detail: unknown }[];
}

export function renderWithStore(ui: ReactNode, state: Partial<AppData> = {}, fake: FakeApi = createFakeApi()): Rendered {
  const events: Rendered['events'] = [];
  const store = createAppStore(fake.api, (name, detail) => events.push({ name, detail }));
  store.setState({
    booted: true,
    session: onlineSession,
    settings: defaultSettings,
    accountSettings: defaultAccountSettings,
    rooms: [dmRoom()],
    roomsLoaded: true,
    activeRoomId: 'dm-bob',
    ...state,
  });
  render(<AppProvider api={fake.api} store={store}>{ui}</AppProvider>);
  return { fake, store, events };
}

/** jest-dom is not installed: a tiny stand-in for toBeDisabled. */
export function isDisabled(element: HTMLElement): boolean {
  return (element as HTMLButtonElement | HTMLTextAreaElement | HTMLInputElement).disabled;
}
