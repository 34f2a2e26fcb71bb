import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import type { AppApi } from '../../contract/api.js';
import { findApi } from './api.js';
import { resolveLanguage, startIn } from './i18n/index.js';
import { Shell } from './shell/Shell.js';
import { MissingApi } from './MissingApi.js';
import './styles/base.css';

/** The language the user chose in Settings, else the system's; English if its words cannot be loaded. */
async function loadWords(api: AppApi): Promise<void> {
  // Settings first (one call to main): the window then fetches the words of one language only.
  const settings = await api.settings.get().catch(() => undefined);
  const chosen = resolveLanguage(settings?.ok ? settings.value.language : undefined, globalThis.navigator?.language);
  await startIn(chosen).catch(() => startIn('en'));
}

const root = document.getElementById('root');
if (root) {
  const api = findApi();
  const render = (): void => createRoot(root).render(<StrictMode>{api ? <Shell api={api} /> : <MissingApi />}</StrictMode>);
  if (api) void loadWords(api).finally(render);
  else render();
}
