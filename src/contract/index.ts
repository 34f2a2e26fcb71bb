export * from './model.js';
export * from './accounts.js';
export * from './calls.js';
export * from './events.js';
export * from './api.js';
export * from './otr-attention.js';
