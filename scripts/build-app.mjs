// Bundles one app (run from its folder): src/main.ts → dist/main.js, ESM for Node, our
// workspace libraries inlined, third-party packages left external (installed beside it).
import { build } from 'esbuild';
import { cpSync, existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const rootPackage = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const external = Object.keys({ ...rootPackage.dependencies, ...rootPackage.devDependencies });

rmSync('dist', { recursive: true, force: true });
await build({
  entryPoints: ['src/main.ts'],
  outfile: 'dist/main.js',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node22',
  sourcemap: true,
  external: external.flatMap((name) => [name, `${name}/*`]),
  logLevel: 'warning',
});

// The gateway applies the drizzle-kit migrations at start; ship them beside the bundle.
if (process.cwd().endsWith('api-gateway') && existsSync(join(root, 'libs/db/drizzle'))) {
  cpSync(join(root, 'libs/db/drizzle'), 'dist/drizzle', { recursive: true });
}
// The gateway serves the dashboard (built first: an implicit dependency) from dist/public.
if (process.cwd().endsWith('api-gateway')) {
  const dashboard = join(root, 'apps/dashboard/dist');
  if (!existsSync(join(dashboard, 'index.html')))
    throw new Error('build @autoscale/dashboard first (nx does: implicit dependency)');
  cpSync(dashboard, 'dist/public', { recursive: true, filter: (path) => !path.endsWith('.map') });
}
