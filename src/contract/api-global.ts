// The name of the global the preload (or the browser host's bridge) defines. Its own module, free of the
// contract's zod schemas: the renderer needs only this name, and importing api.ts would bundle zod into it.
export const API_GLOBAL = 'otrDesk';
