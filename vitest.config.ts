import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    globalSetup: ['tests/global-setup.ts'],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // `npm test` measures the engine's coverage and fails below these floors (the engine is
    // what integrators embed: every rule must be exercised). `--coverage.enabled=false` skips it.
    coverage: {
      provider: 'v8',
      include: ['src/engine/**'],
      reporter: ['text-summary'],
      thresholds: { lines: 97, statements: 95, functions: 94, branches: 92 },
    },
  },
});
