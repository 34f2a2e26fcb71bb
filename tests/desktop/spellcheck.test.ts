import { describe, expect, it, vi } from 'vitest';
import { applySpellCheckLanguages, chooseSpellCheckerLanguages } from '../../src/main/electron/desktop/spellcheck.js';

// A slice of what Chromium offers.
const AVAILABLE = ['af', 'de', 'de-DE', 'en-AU', 'en-GB', 'en-US', 'es', 'es-419', 'fr', 'nl', 'pt-BR', 'pt-PT'];

describe('spellcheck languages', () => {
  it.each([
    [['nl-NL', 'en-GB'], ['nl', 'en-GB']],
    [['en-US'], ['en-US']],
    [['en-NL'], ['en-US']],
    [['de-AT'], ['de']],
    [['pt'], ['pt-PT']],
    [['en'], ['en-US']],
    [['fr_FR'], ['fr']],
    [['nl-BE', 'nl-NL', 'fr-BE'], ['nl', 'fr']],
    [['nl', 'de', 'fr', 'es'], ['nl', 'de', 'fr']],
    [['ja-JP'], ['en-US']],
    [[], ['en-US']],
  ])('%j → %j', (preferred, expected) => {
    expect(chooseSpellCheckerLanguages(preferred, AVAILABLE)).toEqual(expected);
  });

  it('sets the chosen languages on the session', () => {
    const session = { availableSpellCheckerLanguages: AVAILABLE, setSpellCheckerLanguages: vi.fn() };
    const app = { getPreferredSystemLanguages: () => ['nl-NL', 'en-US'] };
    expect(applySpellCheckLanguages(app, session, 'linux')).toEqual(['nl', 'en-US']);
    expect(session.setSpellCheckerLanguages).toHaveBeenCalledWith(['nl', 'en-US']);
  });

  it('leaves macOS to its own spellchecker', () => {
    const session = { availableSpellCheckerLanguages: AVAILABLE, setSpellCheckerLanguages: vi.fn() };
    applySpellCheckLanguages({ getPreferredSystemLanguages: () => ['nl-NL'] }, session, 'darwin');
    expect(session.setSpellCheckerLanguages).not.toHaveBeenCalled();
  });
});
