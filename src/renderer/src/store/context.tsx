// React access to the store, the api and the translator. Components read state through selectors.
import { createContext, useContext, useEffect, useMemo, useSyncExternalStore, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { Api } from '../../../contract/api.js';
import { hasLanguage, languageFor, languagesLoaded, loadLanguage, onLanguageLoaded, translator, type Language, type Translate } from '../i18n/index.js';
import type { AppState, AppStore } from './app-store.js';

interface Services {
  api: Api;
  store: AppStore;
}

const ServicesContext = createContext<Services | null>(null);
/** Changes when a language's words arrive, so every screen using words renders again (memoised rows too). */
const LanguagesLoaded = createContext(0);

export function AppProvider(props: { api: Api; store: AppStore; children: ReactNode }) {
  const value = useMemo(() => ({ api: props.api, store: props.store }), [props.api, props.store]);
  // One subscription for the whole window: a language chosen in Settings is loaded here, then shown.
  const loadedCount = useSyncExternalStore(onLanguageLoaded, languagesLoaded);
  const setting = useStore(props.store, (s) => s.settings?.language);
  const language = languageFor(setting, globalThis.navigator?.language);
  useEffect(() => {
    if (!hasLanguage(language)) void loadLanguage(language).catch(() => undefined);
  }, [language, loadedCount]);
  return (
    <ServicesContext.Provider value={value}>
      <LanguagesLoaded.Provider value={loadedCount}>{props.children}</LanguagesLoaded.Provider>
    </ServicesContext.Provider>
  );
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
  const loadedCount = useContext(LanguagesLoaded);
  return useMemo(() => translator(language), [language, loadedCount]);
}
