import { defineConfig } from '@playwright/test';

/**
 * End-to-end tests of the operator console in Debian's Chromium (browser downloads are not
 * possible on our machines), each against its own headless server process.
 */
export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  // The servers the tests start run from the bundle `npm run serve` runs; rebuilt here when stale.
  globalSetup: './tests/helpers/server-bundle.ts',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: true,
  workers: 2,
  retries: 0,
  reporter: process.env.CI ? [['list'], ['json', { outputFile: 'test-results/e2e.json' }]] : 'list',
  outputDir: 'test-results/e2e',
  use: {
    viewport: { width: 1280, height: 800 },
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run']
    },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure'
  }
});
