import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Paths below are relative to this project, whatever the working directory.
  root: import.meta.dirname,
  test: {
    name: 'dashboard',
    include: ['src/**/*.test.ts'],
    environment: 'node',
    watch: false,
  },
});
