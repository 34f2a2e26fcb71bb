// Every section of `npm run bench`, in the order they run.
import type { SectionName, SectionResult } from '../lib/report.js';
import { CATCH_UP_DEFAULTS, catchUpSection } from './catch-up.js';
import { handshakeSection, HANDSHAKE_DEFAULTS } from './handshake.js';
import { LATENCY_DEFAULTS, latencySection } from './latency.js';
import { MAIN_THREAD_DEFAULTS, mainThreadSection } from './main-thread.js';
import { MEMORY_DEFAULTS, memorySection } from './memory.js';
import { RENDERER_DEFAULTS, rendererSection } from './renderer.js';
import { STARTUP_DEFAULTS, startupSection } from './startup.js';

export interface RunOptions {
  /** Messages per latency pattern (default 1000). */
  messages?: number;
}

export const SECTIONS: Record<SectionName, (o: RunOptions) => Promise<SectionResult>> = {
  startup: () => startupSection(STARTUP_DEFAULTS),
  'main-thread': () => mainThreadSection(MAIN_THREAD_DEFAULTS),
  handshake: () => handshakeSection(HANDSHAKE_DEFAULTS),
  latency: (o) => latencySection({ ...LATENCY_DEFAULTS, messages: o.messages ?? LATENCY_DEFAULTS.messages }),
  renderer: () => rendererSection(RENDERER_DEFAULTS),
  memory: () => memorySection(MEMORY_DEFAULTS),
  'catch-up': () => catchUpSection(CATCH_UP_DEFAULTS),
};
