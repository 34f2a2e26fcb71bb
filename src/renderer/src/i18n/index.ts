// Picks the language and turns keys into words. Pure: the React hook lives in use-t.ts.
import type { Settings } from '../../../contract/model.js';
import { en } from './en.js';
import { nl } from './nl.js';
import { format, type Params, type StringKey, type Strings } from './strings.js';

export type Language = 'en' | 'nl';
export type Translate = (key: StringKey, params?: Params) => string;

export const catalogs: Readonly<Record<Language, Strings>> = { en, nl };

/** The settings override wins; otherwise any Dutch locale (nl, nl-NL, nl-BE) picks Dutch. */
export function resolveLanguage(setting: Settings['language'] | undefined, navigatorLanguage: string | undefined): Language {
  if (setting === 'en' || setting === 'nl') return setting;
  return navigatorLanguage?.toLowerCase().startsWith('nl') ? 'nl' : 'en';
}

export function translator(language: Language): Translate {
  const strings = catalogs[language];
  return (key, params) => format(strings[key], params);
}

export { errorKey, noticeKey, type StringKey, type Params } from './strings.js';
