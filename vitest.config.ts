import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const engineSource = (file: string) => fileURLToPath(new URL(`packages/engine/src/${file}`, import.meta.url));

export default defineConfig({
  // The engine workspace package from its sources, as tsconfig.json's paths say (no build first).
  resolve: {
    alias: [
      { find: /^@cites-permit-check\/engine$/, replacement: engineSource('index.ts') },
      { find: /^@cites-permit-check\/engine\/contract\/([a-z-]+)$/, replacement: engineSource('contract/$1.ts') },
      { find: /^@cites-permit-check\/engine\/decision-codes$/, replacement: engineSource('decision-codes.ts') },
    ],
  },
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
      include: ['packages/engine/src/**'],
      reporter: ['text-summary'],
      thresholds: { lines: 97, statements: 95, functions: 94, branches: 92 },
    },
  },
});
