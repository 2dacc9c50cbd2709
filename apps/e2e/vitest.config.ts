import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Paths below are relative to this project, whatever the working directory.
  root: import.meta.dirname,
  test: {
    name: 'e2e',
    include: ['src/**/*.e2e.test.ts'],
    environment: 'node',
    // `nx test` runs once, also from a terminal; `npx vitest --watch` watches.
    watch: false,
    fileParallelism: false,
    // The pipeline runs as real processes polling every second; a ramp cycle is 48 s.
    testTimeout: 240_000,
    hookTimeout: 120_000,
  },
});
