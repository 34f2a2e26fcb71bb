import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import type { AppApi } from '../../contract/api.js';
import type { Settings } from '../../contract/model.js';
import { findApi } from './api.js';
import { resolveLanguage, startIn } from './i18n/index.js';
import { Shell } from './shell/Shell.js';
import { MissingApi } from './MissingApi.js';
import './styles/base.css';

/**
 * The language the user chose in Settings, else the system's; English if its words cannot be loaded. Returns the
 * settings, which the screens then need not ask for again.
 */
async function loadWords(api: AppApi): Promise<Settings | null> {
  // Settings first (one call to main): the window then fetches the words of one language only.
  const answer = await api.settings.get().catch(() => undefined);
  const settings = answer?.ok ? answer.value : null;
  await startIn(resolveLanguage(settings?.language, globalThis.navigator?.language)).catch(() => startIn('en'));
  return settings;
}

const root = document.getElementById('root');
if (root) {
  const api = findApi();
  const render = (settings: Settings | null): void => {
    createRoot(root).render(<StrictMode>{api ? <Shell api={api} settings={settings} /> : <MissingApi />}</StrictMode>);
  };
  if (api) void loadWords(api).catch(() => null).then(render);
  else render(null);
}
