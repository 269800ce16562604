import { cloudflareTest } from '@cloudflare/vitest-pool-workers';
import { defineConfig } from 'vitest/config';

// Two projects: Node tests (CLI, schema, files, end-to-end against wrangler) and tests that run
// inside workerd with real local KV. The engine's tests run in both, proving it needs no Node API.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'node',
          include: ['test/**/*.test.ts'],
          exclude: ['test/worker/**'],
          environment: 'node',
          testTimeout: 30_000,
        },
      },
      {
        plugins: [
          cloudflareTest({
            wrangler: { configPath: './wrangler.toml' },
          }),
        ],
        test: {
          name: 'workerd',
          include: ['test/engine/**/*.test.ts', 'test/worker/**/*.test.ts'],
          exclude: ['test/engine/**/*.node.test.ts'],
        },
      },
    ],
  },
});
