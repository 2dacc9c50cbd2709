import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';

// `@autoscale/http-contract/search`: the query builder without zod, for the dashboard's small
// early script, which asks for the first page before zod has loaded (apps/dashboard/src/early.ts).
const deepImport = {
  group: ['@autoscale/*/*', '!@autoscale/*/testing', '!@autoscale/http-contract/search'],
  message: 'import a library through its public entry (or ./testing, from tests) only',
};
const deepImportInSource = {
  group: ['@autoscale/*/*', '!@autoscale/http-contract/search'],
  message: 'import a library through its public entry only; ./testing is for tests',
};
const testingInSource = { name: '@autoscale/testing', message: 'test stand-ins are for tests only' };
const testFiles = ['**/*.test.ts', '**/*.bench.ts', '**/src/testing/**', 'libs/testing/**'];

/**
 * Apps reach NATS only through @autoscale/bus (typed publish and consume, stream reads, KV),
 * so subjects, dedupe ids and consumer settings live in one place. Spread into each app's
 * eslint.config.mjs after the base config (flat config: the last matching rule wins).
 */
const natsInApps = {
  group: ['@nats-io/*'],
  message: 'apps use @autoscale/bus (publish, consumeBatches, consumePartitions, openKv…), not @nats-io/* directly',
};
export const appRules = [
  { files: ['**/*.ts'], rules: { 'no-restricted-imports': ['error', { patterns: [deepImport, natsInApps] }] } },
  {
    files: ['**/src/**/*.ts'],
    ignores: testFiles,
    rules: {
      'no-restricted-imports': ['error', { paths: [testingInSource], patterns: [deepImportInSource, natsInApps] }],
    },
  },
];

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  { ignores: ['**/dist', '**/out-tsc', '**/node_modules', '**/drizzle', '**/vitest.config.*.timestamp*'] },
  {
    files: ['**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          // Apps bundle the libraries from source (esbuild), so libraries have no build of their own.
          enforceBuildableLibDependency: false,
          banTransitiveDependencies: true,
          depConstraints: [
            // Apps and tools use libraries; nothing uses an app.
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:lib'] },
            { sourceTag: 'type:tool', onlyDependOnLibsWithTags: ['type:lib'] },
            { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: ['type:lib'] },
            { sourceTag: 'type:lib', onlyDependOnLibsWithTags: ['type:lib'] },
            // contracts and forecasting are the pure core: they import nothing of ours but the
            // time units (constants, themselves importing nothing).
            { sourceTag: 'scope:units', onlyDependOnLibsWithTags: [] },
            { sourceTag: 'scope:core', onlyDependOnLibsWithTags: ['scope:units'] },
            { sourceTag: 'scope:infra', onlyDependOnLibsWithTags: ['scope:core', 'scope:infra', 'scope:units'] },
            // Shared with receivers (the webhook signature): node built-ins only.
            { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: [] },
            // The HTTP contract is bundled into the browser: the core's schemas only.
            { sourceTag: 'scope:http', onlyDependOnLibsWithTags: ['scope:core'] },
          ],
        },
      ],
      '@typescript-eslint/no-explicit-any': 'error',
      // With noUncheckedIndexedAccess every index read is optional; a `!` after a bounds check is the idiom.
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      'no-restricted-imports': ['error', { patterns: [deepImport] }],
    },
  },
  {
    // Type-aware rules: a promise nobody awaits loses its rejection (an unhandled rejection kills a
    // service) and its ordering. Only these two: the full type-checked preset would double lint time.
    // projectService finds each file's tsconfig (lib or spec) through the project references.
    files: ['**/*.ts'],
    languageOptions: {
      parser: tseslint.parser,
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
    },
  },
  {
    // Test fakes and builders (`@autoscale/<lib>/testing`) are for tests only.
    files: ['**/src/**/*.ts'],
    ignores: testFiles,
    rules: {
      'no-restricted-imports': ['error', { paths: [testingInSource], patterns: [deepImportInSource] }],
    },
  },
];
