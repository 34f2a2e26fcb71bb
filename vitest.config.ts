import { defineConfig } from 'vitest/config';

// Unit and integration tests. Component tests opt into jsdom with `// @vitest-environment jsdom`.
export default defineConfig({
  test: {
    include: ['tests/**/*.test.{ts,tsx}'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // OTR math is CPU-bound and the machines have 2 cores: more forks only fight over them.
    maxWorkers: 2,
    // The window's words load on demand (i18n/index.ts): screens rendered in tests need them loaded first.
    setupFiles: ['tests/renderer/languages-setup.ts'],
  },
});
