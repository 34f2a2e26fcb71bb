import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { findApi } from './api.js';
import { Shell } from './shell/Shell.js';
import { MissingApi } from './MissingApi.js';
import './styles/base.css';

const root = document.getElementById('root');
if (root) {
  const api = findApi();
  createRoot(root).render(<StrictMode>{api ? <Shell api={api} /> : <MissingApi />}</StrictMode>);
}
