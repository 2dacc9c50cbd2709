import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['libs/**/src/**/*.bench.ts'],
    benchmark: { include: ['libs/**/src/**/*.bench.ts'] },
    environment: 'node',
  },
});
