export { createWorkerEngine, type WorkerEngineOptions } from './worker-engine.js';
export { createInlineEngine } from './inline-engine.js';
export { Problems, type EngineProblem } from './errors.js';
