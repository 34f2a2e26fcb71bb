// The window loads its language before the first render (main.tsx); component tests render screens directly,
// so both languages are loaded before any test runs.
import { loadLanguage } from '../../src/renderer/src/i18n/index.js';

await Promise.all([loadLanguage('en'), loadLanguage('nl')]);
