import type { Api } from '../../contract/api.js';

export function App(_props: { api: Api }) {
  return <main className="app">OTR Desk</main>;
}
