import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { findApi } from './api.js';
import { App } from './App.js';
import { MissingApi } from './MissingApi.js';
import './styles/base.css';

const root = document.getElementById('root');
if (root) {
  const api = findApi();
  createRoot(root).render(<StrictMode>{api ? <App api={api} /> : <MissingApi />}</StrictMode>);
}
