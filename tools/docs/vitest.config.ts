import { defineConfig } from 'vitest/config';

// Reads the repository's files and imports the services' config schemas: no servers.
export default defineConfig({
  root: import.meta.dirname,
  test: { name: 'docs', include: ['src/**/*.test.ts'], environment: 'node', watch: false, testTimeout: 30_000 },
});
