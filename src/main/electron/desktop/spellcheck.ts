// Spellcheck in the languages the user actually writes: the OS's preferred languages, narrowed to the
// dictionaries Chromium ships, falling back to US English.

export const FALLBACK_SPELLCHECK_LANGUAGE = 'en-US';
/** Each dictionary costs memory and load time; the first few preferred languages are enough. */
const MAX_LANGUAGES = 3;

/**
 * Maps preferred locales ("nl-NL", "en-GB", "de") onto available dictionaries: an exact match first, then
 * the bare language ("nl-NL" → "nl"), then a regional variant of it ("de" → "de-DE", "en" → "en-US").
 */
export function chooseSpellCheckerLanguages(preferred: readonly string[], available: readonly string[]): string[] {
  const byLower = new Map(available.map((code) => [code.toLowerCase(), code]));
  const chosen: string[] = [];
  for (const locale of preferred) {
    const match = dictionaryFor(locale.replace(/_/g, '-').toLowerCase(), byLower, available);
    if (match && !chosen.includes(match)) chosen.push(match);
    if (chosen.length === MAX_LANGUAGES) break;
  }
  if (chosen.length > 0) return chosen;
  return byLower.has(FALLBACK_SPELLCHECK_LANGUAGE.toLowerCase()) ? [FALLBACK_SPELLCHECK_LANGUAGE] : [];
}

function dictionaryFor(locale: string, byLower: Map<string, string>, available: readonly string[]): string | undefined {
  const exact = byLower.get(locale);
  if (exact) return exact;
  const base = locale.split('-')[0] ?? locale;
  const bare = byLower.get(base);
  if (bare) return bare;
  const usual = byLower.get(base === 'en' ? 'en-us' : `${base}-${base}`);
  return usual ?? available.find((code) => code.toLowerCase().startsWith(`${base}-`));
}

export interface SpellcheckApp {
  getPreferredSystemLanguages(): string[];
}
export interface SpellcheckSession {
  readonly availableSpellCheckerLanguages: string[];
  setSpellCheckerLanguages(languages: string[]): void;
}

/**
 * Sets the session's spellcheck languages; returns them. On macOS the OS spellchecker picks languages itself
 * and Electron's setter is a no-op, so nothing is set there.
 */
export function applySpellCheckLanguages(app: SpellcheckApp, session: SpellcheckSession, platform: NodeJS.Platform): string[] {
  if (platform === 'darwin') return [];
  const languages = chooseSpellCheckerLanguages(app.getPreferredSystemLanguages(), session.availableSpellCheckerLanguages);
  if (languages.length > 0) session.setSpellCheckerLanguages(languages);
  return languages;
}
