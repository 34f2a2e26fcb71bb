import { defineConfig } from '@playwright/test';

// End-to-end: two users through the real UI. Each spec starts its own local server and browser hosts
// (see e2e/fixtures), so no webServer here. E2E_TARGET=electron runs the same specs against the built app.
export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage',
];

export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  workers: 1,
  timeout: 120_000,
  expect: { timeout: 15_000 },
  outputDir: 'test-results',
  reporter: process.env.CI
    ? [['list'], ['json', { outputFile: 'reports/pw.json' }]]
    : [['list'], ['json', { outputFile: 'reports/pw.json' }]],
  use: {
    browserName: 'chromium',
    headless: true,
    launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS },
    screenshot: 'only-on-failure',
    trace: 'off',
    reducedMotion: 'reduce',
  },
});
