// Both languages at once, for code outside the window's first screens that checks words in either one (tests,
// e2e steps): the window itself loads only the language it speaks, through index.ts.
import { en } from './en.js';
import { nl } from './nl.js';
import type { Language, Translate } from './index.js';
import { format, type Strings } from './strings.js';

export const catalogs: Readonly<Record<Language, Strings>> = { en, nl };

export function staticTranslator(language: Language): Translate {
  const strings = catalogs[language];
  return (key, params) => format(strings[key], params);
}
