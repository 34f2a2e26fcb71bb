// React access to the store, the api and the translator. Components read state through selectors.
import { createContext, useContext, useEffect, useMemo, useSyncExternalStore, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { Api } from '../../../contract/api.js';
import { hasLanguage, languageFor, loadLanguage, onLanguageLoaded, translator, type Language, type Translate } from '../i18n/index.js';
import type { AppState, AppStore } from './app-store.js';

interface Services {
  api: Api;
  store: AppStore;
}

const ServicesContext = createContext<Services | null>(null);

export function AppProvider(props: { api: Api; store: AppStore; children: ReactNode }) {
  const value = useMemo(() => ({ api: props.api, store: props.store }), [props.api, props.store]);
  return <ServicesContext.Provider value={value}>{props.children}</ServicesContext.Provider>;
}

function useServices(): Services {
  const services = useContext(ServicesContext);
  if (!services) throw new Error('AppProvider is missing');
  return services;
}

export function useApp<T>(selector: (state: AppState) => T): T {
  return useStore(useServices().store, selector);
}

/** For screens that fetch data only they show (fingerprints, search results). */
export function useApi(): Api {
  return useServices().api;
}

export function useLanguage(): Language {
  const setting = useApp((s) => s.settings?.language);
  return languageFor(setting, globalThis.navigator?.language);
}

/** The words of the chosen language; just after a switch in Settings, those already shown until it has loaded. */
export function useT(): Translate {
  const language = useLanguage();
  const ready = useSyncExternalStore(onLanguageLoaded, () => hasLanguage(language));
  useEffect(() => {
    if (!ready) void loadLanguage(language).catch(() => undefined);
  }, [language, ready]);
  return useMemo(() => translator(language), [language, ready]);
}
