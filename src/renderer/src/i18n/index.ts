// Picks the language and turns keys into words. Each language's words are their own chunk (about 23 kB each):
// the window loads the one it speaks before its first render (main.tsx) and another only when the settings
// switch to it. Code outside the window that checks words in both languages uses catalogs.ts.
import type { Settings } from '../../../contract/model.js';
import { format, type Params, type StringKey, type Strings } from './strings.js';

export type Language = 'en' | 'nl';
export type Translate = (key: StringKey, params?: Params) => string;

const importers: Readonly<Record<Language, () => Promise<Strings>>> = {
  en: async () => (await import('./en.js')).en,
  nl: async () => (await import('./nl.js')).nl,
};
const loaded: Partial<Record<Language, Strings>> = {};
const loading = new Map<Language, Promise<void>>();
const listeners = new Set<() => void>();
/** The language the window started in, chosen before the first render from the settings (main.tsx). */
let started: Language | undefined;

/** The settings override wins; otherwise any Dutch locale (nl, nl-NL, nl-BE) picks Dutch. */
export function resolveLanguage(setting: Settings['language'] | undefined, navigatorLanguage: string | undefined): Language {
  if (setting === 'en' || setting === 'nl') return setting;
  return navigatorLanguage?.toLowerCase().startsWith('nl') ? 'nl' : 'en';
}

/** Loads the words the window starts in; until the screens have the settings, they speak this one. */
export async function startIn(language: Language): Promise<void> {
  await loadLanguage(language);
  started = language;
}

/** The language of the screens: the settings' choice once they are known, else the one the window started in. */
export function languageFor(setting: Settings['language'] | undefined, navigatorLanguage: string | undefined): Language {
  if (setting === undefined && started !== undefined) return started;
  return resolveLanguage(setting, navigatorLanguage);
}

/** Loads a language's words once; a failed load may be tried again. */
export function loadLanguage(language: Language): Promise<void> {
  let pending = loading.get(language);
  if (!pending) {
    pending = importers[language]().then(
      (strings) => {
        loaded[language] = strings;
        for (const listener of listeners) listener();
      },
      (err: unknown) => {
        loading.delete(language);
        throw err;
      },
    );
    loading.set(language, pending);
  }
  return pending;
}

export function hasLanguage(language: Language): boolean {
  return loaded[language] !== undefined;
}

/** How many languages have loaded: changes exactly when one arrives (a snapshot for React). */
export function languagesLoaded(): number {
  return Object.keys(loaded).length;
}

/** Called whenever a language has finished loading. */
export function onLanguageLoaded(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** While `language` is still on its way (the settings just switched), the words of the one already shown. */
export function translator(language: Language): Translate {
  const strings = loaded[language] ?? loaded.en ?? loaded.nl;
  if (!strings) throw new Error('No language is loaded: main.tsx loads one before the first render');
  return (key, params) => format(strings[key], params);
}

export { errorKey, noticeKey, type StringKey, type Params } from './strings.js';
