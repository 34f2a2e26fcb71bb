export * from './model.js';
export * from './calls.js';
export * from './events.js';
export * from './api.js';
