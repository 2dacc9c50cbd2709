import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['libs/**/src/**/*.bench.ts'],
    benchmark: { include: ['libs/**/src/**/*.bench.ts'] },
    environment: 'node',
    // --expose-gc lets the memory measurement collect garbage before it reads the heap.
    pool: 'forks',
    execArgv: ['--expose-gc'],
  },
});
