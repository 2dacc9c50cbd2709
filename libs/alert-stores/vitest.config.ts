import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Paths below are relative to this project, whatever the working directory.
  root: import.meta.dirname,
  test: {
    name: 'alert-stores',
    include: ['src/**/*.test.ts'],
    environment: 'node',
    // `nx test` runs once, also from a terminal; `npx vitest --watch` watches.
    watch: false,
    fileParallelism: false,
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
