import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts', 'e2e/**/*.test.ts'],
    testTimeout: 30_000,
    globalSetup: ['tests/helpers/server-bundle.ts'],
    hookTimeout: 30_000,
    // Integration tests start real servers on real ports and write real files: keep workers few
    // so a 2-core machine is not oversubscribed.
    maxWorkers: 2,
    // CI prints one closing line from this report (see .ci/run).
    reporters: process.env.CI ? ['default', ['json', { outputFile: 'test-results/vitest.json' }]] : ['default']
  }
});
