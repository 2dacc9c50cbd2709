import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'observability',
    include: ['src/**/*.test.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
